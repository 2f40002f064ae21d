import { type Kysely, type Transaction, sql } from 'kysely';
import type { Database, Db } from '#db';
import { ConcurrencyError } from './errors.js';
import { type EventMetadata, type NewEvent, type StoredEvent, newEventId } from './events.js';
import { type EventRow, toStoredEvent } from './rows.js';

/**
 * `0`: the stream must not exist yet. `n`: the stream must be at version n.
 * `'any'`: append wherever the stream is (still serialised per stream).
 */
export type ExpectedVersion = number | 'any';

export interface AppendResult {
  /** The stream's version after the append: pass it as the next expectedVersion. */
  nextExpectedVersion: number;
  /** Events actually written; those whose id was already stored are skipped. */
  appended: number;
}

/** One stream's part of a multi-stream append. */
export interface StreamAppend {
  streamId: string;
  events: NewEvent[];
  expectedVersion: ExpectedVersion;
}

/** Rows per multi-row INSERT: 6 parameters per event, under PostgreSQL's 65,535. */
const INSERT_CHUNK = 5_000;

export interface AppendObserver {
  onAppended(streamId: string, types: string[]): void;
}

export interface ReadStreamOptions {
  fromVersion?: number;
  /** Time travel: only events recorded strictly before this instant. */
  recordedBefore?: Date;
}

type Executor = Kysely<Database> | Transaction<Database>;

/** Wakes log consumers; delivered by PostgreSQL only when the append commits. */
export const EVENTS_CHANNEL = 'newsledger_events';

const SCHEMA_VERSION = 1;

export class EventStore {
  constructor(
    private readonly db: Db,
    private readonly observer?: AppendObserver,
  ) {}

  /**
   * Appends to one stream in one transaction: compare-and-set on the stream's
   * version, then a single multi-row insert. Pass `trx` to join a caller's
   * transaction (the caller then owns commit and retry).
   */
  async append(streamId: string, events: NewEvent[], options: { expectedVersion: ExpectedVersion; trx?: Transaction<Database> }): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError('append needs at least one event');
    const prepared = events.map((event) => ({ ...event, eventId: event.eventId ?? newEventId() }));
    const callerIds = events.some((e) => e.eventId);
    // Optimistic first: no look-up of stored ids (one round trip less per append).
    // A repeated id then shows up as a lost compare-and-set or a unique violation,
    // and only then do we check which ids are stored.
    const optimistic = (trx: Transaction<Database>) => this.appendIn(trx, streamId, prepared, options.expectedVersion, { skipStoredIds: false, callerIds });
    const checked = (trx: Transaction<Database>) => this.appendIn(trx, streamId, prepared, options.expectedVersion, { skipStoredIds: true, callerIds });
    if (options.trx) return optimistic(options.trx);
    try {
      return await this.db.transaction().execute(optimistic);
    } catch (error) {
      // An id already stored (a retried append, or two writers racing with the
      // same id): the retry skips the stored ids, keeping appends idempotent.
      if (isUniqueViolation(error, 'events_event_id_key')) return this.db.transaction().execute(checked);
      throw error;
    }
  }

  /**
   * Appends to several streams at once, all or nothing: one compare-and-set
   * statement for every stream and one multi-row insert, whatever the number of
   * streams (a projection that announces hundreds of alerts in a batch pays two
   * round trips, not two per stream). A stream not at its expected version
   * raises ConcurrencyError; inside a caller's `trx` the caller must then roll
   * back (other streams may have moved). Ids are not checked against the store
   * first: an id already stored fails the transaction (use `append` for retries
   * that may repeat ids).
   */
  async appendMany(appends: StreamAppend[], options: { trx?: Transaction<Database> } = {}): Promise<AppendResult[]> {
    if (appends.length === 0) return [];
    const streams = new Set<string>();
    for (const { streamId, events } of appends) {
      if (events.length === 0) throw new RangeError(`appendMany: no events for stream ${streamId}`);
      if (streams.has(streamId)) throw new RangeError(`appendMany: stream ${streamId} named twice`);
      streams.add(streamId);
    }
    const prepared = appends.map((a) => ({ ...a, events: a.events.map((event) => ({ ...event, eventId: event.eventId ?? newEventId() })) }));
    if (options.trx) return this.appendManyIn(options.trx, prepared);
    return this.db.transaction().execute((trx) => this.appendManyIn(trx, prepared));
  }

  private async appendManyIn(trx: Transaction<Database>, appends: (Omit<StreamAppend, 'events'> & { events: (NewEvent & { eventId: string })[] })[]): Promise<AppendResult[]> {
    const moved = await this.compareAndSetVersions(trx, appends);
    const rows = appends.flatMap(({ streamId, events }) => eventRows(streamId, moved.get(streamId)!, events));
    for (let start = 0; start < rows.length; start += INSERT_CHUNK) await trx.insertInto('events').values(rows.slice(start, start + INSERT_CHUNK)).execute();
    for (const { streamId, events } of appends) {
      this.observer?.onAppended(
        streamId,
        events.map((e) => e.type),
      );
    }
    return appends.map(({ streamId, events }) => ({ nextExpectedVersion: moved.get(streamId)!, appended: events.length }));
  }

  /** The streams' new versions, moved in one statement; the first stream not where expected raises ConcurrencyError. */
  private async compareAndSetVersions(trx: Transaction<Database>, appends: StreamAppend[]): Promise<Map<string, number>> {
    const ids = appends.map((a) => a.streamId);
    const expected = appends.map((a) => (a.expectedVersion === 'any' ? -1 : a.expectedVersion));
    const counts = appends.map((a) => a.events.length);
    const { rows } = await sql<{ stream_id: string; version: string }>`
      with wanted as (
        select * from unnest(${sql.val(ids)}::text[], ${sql.val(expected)}::bigint[], ${sql.val(counts)}::bigint[]) as w(stream_id, expected, count)),
      created as (
        insert into streams (stream_id, version)
        select stream_id, count from wanted where expected = 0
        on conflict (stream_id) do nothing
        returning stream_id, version),
      advanced as (
        update streams s set version = s.version + w.count, updated_at = now()
        from wanted w where s.stream_id = w.stream_id and w.expected > 0 and s.version = w.expected
        returning s.stream_id, s.version),
      anywhere as (
        insert into streams (stream_id, version)
        select stream_id, count from wanted where expected = -1
        on conflict (stream_id) do update set version = streams.version + excluded.version, updated_at = now()
        returning stream_id, version)
      select stream_id, version, pg_notify(${EVENTS_CHANNEL}, '')
      from (select * from created union all select * from advanced union all select * from anywhere) moved`.execute(trx);
    const moved = new Map(rows.map((r) => [r.stream_id, Number(r.version)]));
    const stale = appends.find((a) => !moved.has(a.streamId));
    if (stale) throw new ConcurrencyError(stale.streamId, stale.expectedVersion as number, await this.streamVersion(stale.streamId, trx));
    return moved;
  }

  async readStream(streamId: string, options: ReadStreamOptions & { executor?: Executor } = {}): Promise<StoredEvent[]> {
    let query = (options.executor ?? this.db)
      .selectFrom('events')
      .selectAll()
      .where('stream_id', '=', streamId)
      .where('stream_version', '>=', String(options.fromVersion ?? 1))
      .orderBy('stream_version');
    if (options.recordedBefore) query = query.where('recorded_at', '<', options.recordedBefore);
    const rows = (await query.execute()) as EventRow[];
    return rows.map(toStoredEvent);
  }

  async streamVersion(streamId: string, executor: Executor = this.db): Promise<number> {
    const row = await executor.selectFrom('streams').select('version').where('stream_id', '=', streamId).executeTakeFirst();
    return row ? Number(row.version) : 0;
  }

  private async appendIn(
    trx: Transaction<Database>,
    streamId: string,
    events: (NewEvent & { eventId: string })[],
    expectedVersion: ExpectedVersion,
    mode: { skipStoredIds: boolean; callerIds: boolean },
  ): Promise<AppendResult> {
    const fresh = mode.skipStoredIds ? await this.withoutStoredIds(trx, events) : events;
    if (fresh.length === 0) return { nextExpectedVersion: await this.streamVersion(streamId, trx), appended: 0 };

    let newVersion: number;
    try {
      newVersion = await this.compareAndSetVersion(trx, streamId, expectedVersion, fresh.length);
    } catch (error) {
      // The same append arriving again (a retry after a lost answer) finds the
      // stream moved on by itself: if every id is stored already, it is a no-op.
      if (error instanceof ConcurrencyError && mode.callerIds && !mode.skipStoredIds && (await this.withoutStoredIds(trx, events)).length === 0) {
        return { nextExpectedVersion: error.actualVersion, appended: 0 };
      }
      throw error;
    }
    await trx.insertInto('events').values(eventRows(streamId, newVersion, fresh)).execute();
    this.observer?.onAppended(
      streamId,
      fresh.map((e) => e.type),
    );
    return { nextExpectedVersion: newVersion, appended: fresh.length };
  }

  private async withoutStoredIds<E extends { eventId: string }>(trx: Transaction<Database>, events: E[]): Promise<E[]> {
    const stored = await trx
      .selectFrom('events')
      .select('event_id')
      .where(
        'event_id',
        'in',
        events.map((e) => e.eventId),
      )
      .execute();
    if (stored.length === 0) return events;
    const storedIds = new Set(stored.map((row) => row.event_id));
    return events.filter((e) => !storedIds.has(e.eventId));
  }

  /** Moves the stream's version by `count`; the row lock serialises writers of one stream. Also queues the NOTIFY. */
  private async compareAndSetVersion(trx: Transaction<Database>, streamId: string, expected: ExpectedVersion, count: number): Promise<number> {
    let result;
    if (expected === 'any') {
      result = await sql<{ version: string }>`
        with moved as (
          insert into streams (stream_id, version) values (${streamId}, ${count})
          on conflict (stream_id) do update set version = streams.version + ${count}, updated_at = now()
          returning version)
        select version, pg_notify(${EVENTS_CHANNEL}, '') from moved`.execute(trx);
    } else if (expected === 0) {
      result = await sql<{ version: string }>`
        with moved as (
          insert into streams (stream_id, version) values (${streamId}, ${count})
          on conflict (stream_id) do nothing
          returning version)
        select version, pg_notify(${EVENTS_CHANNEL}, '') from moved`.execute(trx);
    } else {
      result = await sql<{ version: string }>`
        with moved as (
          update streams set version = version + ${count}, updated_at = now()
          where stream_id = ${streamId} and version = ${expected}
          returning version)
        select version, pg_notify(${EVENTS_CHANNEL}, '') from moved`.execute(trx);
    }
    const row = result.rows[0];
    if (!row) throw new ConcurrencyError(streamId, expected as number, await this.streamVersion(streamId, trx));
    return Number(row.version);
  }
}

/** The rows of events appended to a stream that is now at `newVersion`. */
function eventRows(streamId: string, newVersion: number, events: (NewEvent & { eventId: string })[]) {
  const base = newVersion - events.length;
  return events.map((event, index) => ({
    stream_id: streamId,
    stream_version: base + index + 1,
    event_id: event.eventId,
    type: event.type,
    data: JSON.stringify(event.data),
    metadata: JSON.stringify(completeMetadata(event.metadata)),
  }));
}

function completeMetadata(metadata: Partial<EventMetadata> | undefined): EventMetadata {
  return { ...metadata, correlationId: metadata?.correlationId ?? newEventId(), schemaVersion: metadata?.schemaVersion ?? SCHEMA_VERSION };
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string };
  return e?.code === '23505' && e.constraint === constraint;
}
