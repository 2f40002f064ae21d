import { type Kysely, type Transaction, sql } from 'kysely';
import type { Database, Db } from '#db';
import { ConcurrencyError } from './errors.js';
import { type EventMetadata, type NewEvent, type StoredEvent, type StoredEventOf, newEventId } from './events.js';
import { type EventRow, toStoredEvent } from './rows.js';
import { ConsumerWakeUps } from './wake-ups.js';

export { EVENTS_CHANNEL } from './wake-ups.js';

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

export interface AppendObserver {
  onAppended(streamId: string, types: string[]): void;
}

export interface ReadStreamOptions {
  fromVersion?: number;
  /** Time travel: only events recorded strictly before this instant. */
  recordedBefore?: Date;
}

type Executor = Kysely<Database> | Transaction<Database>;
type Prepared = NewEvent & { eventId: string };
type PreparedAppend = { streamId: string; events: Prepared[]; expectedVersion: ExpectedVersion };

const SCHEMA_VERSION = 1;

export class EventStore {
  private readonly wakeUps: ConsumerWakeUps;
  /** Transactions opened by transaction(): their appends wake consumers after the commit, not inside it. */
  private readonly ownTransactions = new WeakSet<Transaction<Database>>();

  constructor(
    private readonly db: Db,
    private readonly observer?: AppendObserver,
  ) {
    this.wakeUps = new ConsumerWakeUps(db);
  }

  /** NOTIFYs this store has sent to wake log consumers (see ConsumerWakeUps). */
  get wakeUpsSent(): number {
    return this.wakeUps.sent;
  }

  /**
   * Runs `fn` in a transaction whose appends wake log consumers once it has
   * committed (one coalesced NOTIFY, see ConsumerWakeUps) rather than with a
   * pg_notify inside it. Prefer it over `db.transaction()` around appends.
   */
  async transaction<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    const result = await this.db.transaction().execute((trx) => {
      this.ownTransactions.add(trx);
      return fn(trx);
    });
    this.wakeUps.committed();
    return result;
  }

  /**
   * For writers that append through a SQL function of their own which calls
   * append_to_streams in an autocommit statement (ingest's store_articles): once
   * that statement has committed, report the streams it appended to the observer
   * and wake log consumers, as this store's own appends do.
   */
  appendedOutside(appends: { streamId: string; events: Pick<NewEvent, 'type'>[] }[]): void {
    if (appends.length === 0) return;
    for (const a of appends)
      this.observer?.onAppended(
        a.streamId,
        a.events.map((e) => e.type),
      );
    this.wakeUps.committed();
  }

  /**
   * Appends to one stream: compare-and-set on the stream's version and the
   * insert of its events in one statement, so an append of our own is one
   * round trip (the statement is its own transaction). Pass `trx` to join a
   * caller's transaction (the caller then owns commit and retry).
   */
  async append(
    streamId: string,
    events: NewEvent[],
    options: { expectedVersion: ExpectedVersion; trx?: Transaction<Database> },
  ): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError('append needs at least one event');
    const prepared: PreparedAppend = { streamId, events: withIds(events), expectedVersion: options.expectedVersion };
    if (options.trx) return this.appendOptimistic(options.trx, prepared, events);
    let result: AppendResult;
    try {
      // Optimistic first: no look-up of stored ids. A repeated id shows up as a
      // lost compare-and-set or a unique violation, and only then do we look.
      result = await this.appendOptimistic(this.db, prepared, events);
    } catch (error) {
      // An id already stored (a retried append, or two writers racing with the
      // same id): the retry skips the stored ids, keeping appends idempotent.
      if (!isUniqueViolation(error, 'events_event_id_key')) throw error;
      result = await this.db.transaction().execute((trx) => this.appendSkippingStored(trx, prepared));
    }
    if (result.appended > 0) this.wakeUps.committed();
    return result;
  }

  /**
   * Appends to several streams at once, all or nothing: one statement moves
   * every stream's version (compare-and-set) and inserts every event, whatever
   * the number of streams (a projection that announces hundreds of alerts in a
   * batch pays one round trip, not two per stream). A stream not at its expected
   * version raises ConcurrencyError; inside a caller's `trx` the caller must then
   * roll back (other streams may have moved). Ids are not checked against the
   * store first: an id already stored fails the transaction (use `append` for
   * retries that may repeat ids).
   */
  async appendMany(appends: StreamAppend[], options: { trx?: Transaction<Database> } = {}): Promise<AppendResult[]> {
    if (appends.length === 0) return [];
    const streams = new Set<string>();
    for (const { streamId, events } of appends) {
      if (events.length === 0) throw new RangeError(`appendMany: no events for stream ${streamId}`);
      if (streams.has(streamId)) throw new RangeError(`appendMany: stream ${streamId} named twice`);
      streams.add(streamId);
    }
    const prepared = appends.map((a) => ({ ...a, events: withIds(a.events) }));
    if (options.trx) return this.appendManyIn(options.trx, prepared);
    const results = await this.db.transaction().execute((trx) => this.appendManyIn(trx, prepared, { notify: false }));
    this.wakeUps.committed();
    return results;
  }

  /**
   * Appends to several streams in one statement, each on its own: a stream at
   * its expected version is written, one that is not is reported (its
   * ConcurrencyError in its place of the result) and the others are written
   * all the same. For batches of independent writers (a coding batch: one
   * article's conflict must not undo the others). An event id already stored
   * fails the one statement; the streams are then appended one by one, each
   * skipping its stored ids as `append` does.
   */
  async appendEach(appends: StreamAppend[]): Promise<(AppendResult | ConcurrencyError)[]> {
    if (appends.length === 0) return [];
    const streams = new Set<string>();
    for (const { streamId, events } of appends) {
      if (events.length === 0) throw new RangeError(`appendEach: no events for stream ${streamId}`);
      if (streams.has(streamId)) throw new RangeError(`appendEach: stream ${streamId} named twice`);
      streams.add(streamId);
    }
    const prepared = appends.map((a) => ({ ...a, events: withIds(a.events) }));
    let moved: Map<string, number>;
    try {
      // One statement is its own transaction: what moved is committed, what did not left untouched.
      // Streams in id order: two batches sharing streams then tend to lock them in the same order
      // (the plan has the last word; a deadlock that remains is handled below).
      const inLockOrder = [...prepared].sort((a, b) =>
        a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0,
      );
      moved = await this.writeStreams(this.db, inLockOrder, { notify: false });
    } catch (error) {
      // A repeated id (a batch run again after a lost answer) or a deadlock with another writer
      // (one that locks the same streams in another order): nothing was written; take the streams one at a time.
      if (!isUniqueViolation(error, 'events_event_id_key') && !isDeadlock(error)) throw error;
      return this.appendOneByOne(appends);
    }
    if (moved.size > 0) this.wakeUps.committed();
    return Promise.all(
      prepared.map(async (a, i) => {
        const version = moved.get(a.streamId);
        if (version !== undefined) return this.appended(a, version);
        const actual = await this.streamVersion(a.streamId);
        // The same events arriving again (ids given by the caller, all stored): nothing to do, as in `append`.
        if (
          appends[i]!.events.some((e) => e.eventId) &&
          (await this.withoutStoredIds(this.db, a.events)).length === 0
        ) {
          return { nextExpectedVersion: actual, appended: 0 };
        }
        return new ConcurrencyError(a.streamId, a.expectedVersion as number, actual);
      }),
    );
  }

  /**
   * The events of several streams in one query, by stream id (a stream with
   * no event maps to an empty list), each in stream order.
   */
  async readStreams(streamIds: readonly string[]): Promise<Map<string, StoredEvent[]>> {
    const byStream = new Map<string, StoredEvent[]>(streamIds.map((id) => [id, []]));
    if (streamIds.length === 0) return byStream;
    const rows = (await this.db
      .selectFrom('events')
      .selectAll()
      .where('stream_id', 'in', [...byStream.keys()])
      .orderBy('stream_id')
      .orderBy('stream_version')
      .execute()) as EventRow[];
    for (const row of rows) byStream.get(row.stream_id)!.push(toStoredEvent(row));
    return byStream;
  }

  async readStream<E extends { type: string; data: unknown } = Pick<StoredEvent, 'type' | 'data'>>(
    streamId: string,
    options: ReadStreamOptions & { executor?: Executor } = {},
  ): Promise<StoredEventOf<E>[]> {
    // `E`: the stream's event union from the catalog in libs/domain (e.g. ArticleStreamEvent); the log holds only
    // what the stream's writers appended, so its rows are read as that union.
    let query = (options.executor ?? this.db)
      .selectFrom('events')
      .selectAll()
      .where('stream_id', '=', streamId)
      .where('stream_version', '>=', String(options.fromVersion ?? 1))
      .orderBy('stream_version');
    if (options.recordedBefore) query = query.where('recorded_at', '<', options.recordedBefore);
    const rows = (await query.execute()) as EventRow[];
    return rows.map(toStoredEvent) as StoredEventOf<E>[];
  }

  async streamVersion(streamId: string, executor: Executor = this.db): Promise<number> {
    const row = await executor
      .selectFrom('streams')
      .select('version')
      .where('stream_id', '=', streamId)
      .executeTakeFirst();
    return row ? Number(row.version) : 0;
  }

  /** One statement; a lost compare-and-set is a ConcurrencyError unless it is this very append arriving again. */
  private async appendOptimistic(
    executor: Executor,
    append: PreparedAppend,
    original: NewEvent[],
  ): Promise<AppendResult> {
    const moved = await this.writeStreams(executor, [append], { notify: this.notifiesInside(executor) });
    const version = moved.get(append.streamId);
    if (version !== undefined) return this.appended(append, version);
    // The same append arriving again (a retry after a lost answer) finds the
    // stream moved on by itself: if every id is stored already, it is a no-op.
    const actual = await this.streamVersion(append.streamId, executor);
    if (original.some((e) => e.eventId) && (await this.withoutStoredIds(executor, append.events)).length === 0) {
      return { nextExpectedVersion: actual, appended: 0 };
    }
    throw new ConcurrencyError(append.streamId, append.expectedVersion as number, actual);
  }

  /** After a unique violation on an event id: append only the events not stored yet. */
  private async appendSkippingStored(trx: Transaction<Database>, append: PreparedAppend): Promise<AppendResult> {
    const fresh = await this.withoutStoredIds(trx, append.events);
    if (fresh.length === 0) return { nextExpectedVersion: await this.streamVersion(append.streamId, trx), appended: 0 };
    const moved = await this.writeStreams(trx, [{ ...append, events: fresh }], { notify: false });
    const version = moved.get(append.streamId);
    if (version === undefined) throw await this.concurrencyError(append, trx);
    return this.appended({ ...append, events: fresh }, version);
  }

  private async appendManyIn(
    trx: Transaction<Database>,
    appends: PreparedAppend[],
    options = { notify: this.notifiesInside(trx) },
  ): Promise<AppendResult[]> {
    const moved = await this.writeStreams(trx, appends, options);
    const stale = appends.find((a) => !moved.has(a.streamId));
    // The events of the streams that did move are inserted: the transaction must roll back (ours does, by this throw).
    if (stale) throw await this.concurrencyError(stale, trx);
    return appends.map((a) => this.appended(a, moved.get(a.streamId)!));
  }

  private async appendOneByOne(appends: StreamAppend[]): Promise<(AppendResult | ConcurrencyError)[]> {
    const results: (AppendResult | ConcurrencyError)[] = [];
    for (const a of appends) {
      try {
        results.push(await this.append(a.streamId, a.events, { expectedVersion: a.expectedVersion }));
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
        results.push(error);
      }
    }
    return results;
  }

  private async concurrencyError(append: PreparedAppend, executor: Executor): Promise<ConcurrencyError> {
    const actual = await this.streamVersion(append.streamId, executor);
    return new ConcurrencyError(append.streamId, append.expectedVersion as number, actual);
  }

  private appended(append: PreparedAppend, version: number): AppendResult {
    this.observer?.onAppended(
      append.streamId,
      append.events.map((e) => e.type),
    );
    return { nextExpectedVersion: version, appended: append.events.length };
  }

  /** A transaction we do not own keeps the pg_notify inside: we cannot know when it commits. */
  private notifiesInside(executor: Executor): boolean {
    return executor.isTransaction && !this.ownTransactions.has(executor as Transaction<Database>);
  }

  /**
   * Moves each stream's version by its number of events if it is where the
   * caller expected (the row lock serialises writers of one stream) and inserts
   * the events of the streams that moved, in one call of the append_to_streams
   * function (its plan is kept per connection: see its migration). Returns the
   * new version of each stream that moved; a stream missing from the result was
   * not at its expected version, and none of its events were written.
   */
  private async writeStreams(
    executor: Executor,
    appends: PreparedAppend[],
    options: { notify: boolean },
  ): Promise<Map<string, number>> {
    const columns = eventColumns(appends);
    const { rows: moved } = await sql<{ moved_stream_id: string; moved_version: string }>`
      select moved_stream_id, moved_version from append_to_streams(
        ${sql.val(appends.map((a) => a.streamId))}::text[],
        ${sql.val(appends.map((a) => (a.expectedVersion === 'any' ? -1 : a.expectedVersion)))}::bigint[],
        ${sql.val(appends.map((a) => a.events.length))}::bigint[],
        ${sql.val(columns.streams)}::text[],
        ${sql.val(columns.numbers)}::bigint[],
        ${sql.val(columns.ids)}::uuid[],
        ${sql.val(columns.types)}::text[],
        ${sql.val(columns.data)}::jsonb[],
        ${sql.val(columns.metadata)}::jsonb[],
        ${options.notify})`.execute(executor);
    return new Map(moved.map((r) => [r.moved_stream_id, Number(r.moved_version)]));
  }

  private async withoutStoredIds<E extends { eventId: string }>(executor: Executor, events: E[]): Promise<E[]> {
    const stored = await executor
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
}

/**
 * The event parameters of append_to_streams (arrays, one element per event, the
 * streams' events one stream after another), built as the store's own appends
 * build them: ids given or new, metadata completed, numbers 1, 2, … within each
 * stream. Exported for SQL functions that call append_to_streams (ingest's
 * store_articles); report their commits with `appendedOutside`.
 */
export function eventColumns(appends: { streamId: string; events: NewEvent[] }[]): {
  streams: string[];
  numbers: number[];
  ids: string[];
  types: string[];
  data: string[];
  metadata: string[];
} {
  const rows = appends.flatMap((a) => a.events.map((event, i) => ({ streamId: a.streamId, n: i + 1, event })));
  return {
    streams: rows.map((r) => r.streamId),
    numbers: rows.map((r) => r.n),
    ids: rows.map((r) => r.event.eventId ?? newEventId()),
    types: rows.map((r) => r.event.type),
    data: rows.map((r) => JSON.stringify(r.event.data)),
    metadata: rows.map((r) => JSON.stringify(completeMetadata(r.event.metadata))),
  };
}

function withIds(events: NewEvent[]): Prepared[] {
  return events.map((event) => ({ ...event, eventId: event.eventId ?? newEventId() }));
}

function completeMetadata(metadata: Partial<EventMetadata> | undefined): EventMetadata {
  return {
    ...metadata,
    correlationId: metadata?.correlationId ?? newEventId(),
    schemaVersion: metadata?.schemaVersion ?? SCHEMA_VERSION,
  };
}

function isDeadlock(error: unknown): boolean {
  return (error as { code?: string })?.code === '40P01';
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string };
  return e?.code === '23505' && e.constraint === constraint;
}
