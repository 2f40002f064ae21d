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
    const base = newVersion - fresh.length;
    await trx
      .insertInto('events')
      .values(
        fresh.map((event, index) => ({
          stream_id: streamId,
          stream_version: base + index + 1,
          event_id: event.eventId,
          type: event.type,
          data: JSON.stringify(event.data),
          metadata: JSON.stringify(completeMetadata(event.metadata)),
        })),
      )
      .execute();
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

function completeMetadata(metadata: Partial<EventMetadata> | undefined): EventMetadata {
  return { ...metadata, correlationId: metadata?.correlationId ?? newEventId(), schemaVersion: metadata?.schemaVersion ?? SCHEMA_VERSION };
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string };
  return e?.code === '23505' && e.constraint === constraint;
}
