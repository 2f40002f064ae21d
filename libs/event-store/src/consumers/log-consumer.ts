import { type Kysely, type Transaction, sql } from 'kysely';
import type { Database, Db } from '#db';
import type { StoredEvent } from '../events.js';
import { type Checkpoint, compareCheckpoints, readCheckpoint, saveCheckpoint } from './checkpoints.js';
import { EventFailures } from './event-failures.js';
import type { LogNotifier } from './log-notifier.js';
import { positionOf, readVisibleAfter } from './log-window.js';
import {
  type EventFailure,
  PARKED_EVENT_REPLAY_REQUESTED,
  type ParkedEventReplayRequested,
  errorText,
  loadReplay,
  markReplayFailed,
  markReplayed,
  parkEvent,
} from './parked-events.js';
import { inSavepoint } from './savepoint.js';
import { isTransientError } from './transient-errors.js';
import { Wait } from './waits.js';

/** Handles one batch; its writes commit together with the consumer's checkpoint. */
export type LogHandler = (events: StoredEvent[], trx: Transaction<Database>) => Promise<void>;

export interface ParkedNotice {
  consumer: string;
  event: StoredEvent;
  failure: EventFailure;
  /** A replay an admin asked for failed again (the event stays parked). */
  replay?: boolean;
}

export interface LogConsumerOptions {
  /** Unique per consumer; also the key of its checkpoint and of its leadership lock. */
  name: string;
  handle: LogHandler;
  /** Only events of these types reach the handler; the checkpoint moves past the others. */
  types?: readonly string[];
  batchSize?: number;
  /** Fallback poll when no NOTIFY arrives, and how often a standby tries to take over. */
  pollIntervalMs?: number;
  /** Pause after a failed batch, or a failed event, before it is tried again. */
  retryDelayMs?: number;
  onError?: (error: unknown, consumer: string) => void;
  /**
   * Consumers whose writes this one reads (an alert projection reading the
   * incidents read model): it never moves past their checkpoints.
   */
  after?: readonly string[];
  /**
   * Tries at one event, retryDelayMs apart, before it is parked (default 3;
   * Infinity: never park). Errors that say nothing about the event (see
   * isTransientError) are retried for as long as they last and never count.
   */
  parkAfterAttempts?: number;
  /** Told when an event is parked, or a replay of one fails again. */
  onParked?: (notice: ParkedNotice) => void;
}

/** Advisory-lock namespace of log consumers (the second key is hashtext(name)). */
const LOCK_NAMESPACE = 7_120_001;
/** After a wake-up finds nothing visible yet (an older transaction still open), look again soon. */
const SETTLE_DELAY_MS = 20;
export const DEFAULT_PARK_AFTER_ATTEMPTS = 3;

type Item =
  { kind: 'event'; event: StoredEvent } | { kind: 'replay'; event: StoredEvent; request: ParkedEventReplayRequested };
/** What one window's transaction did; `blocked`: it stopped before an event that failed and is not parked yet. */
interface WindowOutcome {
  moved: number;
  blocked: boolean;
}

/**
 * Reads the global log in commit order and never skips an event of a slow
 * transaction. A sequence number is taken before commit, so reading
 * "global_position > last" loses events of a transaction that commits after a
 * later one. We read only events of transactions older than every transaction
 * still running (transaction_id < pg_snapshot_xmin), in (transaction_id,
 * global_position) order, and checkpoint that pair.
 *
 * One bad event never stops a consumer, and never costs another event: a
 * batch whose handler fails is rolled back (to a savepoint) and its events
 * are handled one by one, each in its own savepoint of the same transaction.
 * The events before the failing one commit with a checkpoint just before it;
 * the failing one is tried again after retryDelayMs, and after
 * parkAfterAttempts tries it is parked (parked_events, with its error) in the
 * transaction whose checkpoint moves past it. Handler writes and checkpoint
 * always commit together; nothing is skipped without a parked row saying so.
 * ParkedEventReplayRequested events naming this consumer run the parked event
 * through the handler again, in log order, and record the outcome.
 *
 * One instance per name leads, holding a session advisory lock on its own
 * connection; the others wait and take over when it stops or dies.
 */
export class LogConsumer {
  readonly name: string;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly retryDelayMs: number;
  private readonly parkAfterAttempts: number;
  /** The handler's types plus replay requests (undefined: every event). */
  private readonly readTypes?: ReadonlySet<string>;
  private readonly failures = new EventFailures();
  private stopping = false;
  private running?: Promise<void>;
  private leading = false;
  /** Idle between batches: a NOTIFY or stop() ends it. */
  private readonly idle = new Wait();
  /** Before a failed event's next try: only stop() ends it. */
  private readonly retryPause = new Wait();
  private wokenAt = 0;
  private unsubscribe?: () => void;
  lastError?: { message: string; at: Date };

  constructor(
    private readonly db: Db,
    private readonly options: LogConsumerOptions,
    private readonly notifier?: LogNotifier,
  ) {
    this.name = options.name;
    this.batchSize = options.batchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.retryDelayMs = options.retryDelayMs ?? 1_000;
    this.parkAfterAttempts = options.parkAfterAttempts ?? DEFAULT_PARK_AFTER_ATTEMPTS;
    this.readTypes = options.types ? new Set([...options.types, PARKED_EVENT_REPLAY_REQUESTED]) : undefined;
  }

  get isLeader(): boolean {
    return this.leading;
  }

  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.unsubscribe = this.notifier?.subscribe(() => {
      this.wokenAt = Date.now();
      this.idle.cut();
    });
    this.running = this.run();
  }

  /** Finishes the batch in hand, releases leadership and returns. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.idle.cut();
    this.retryPause.cut();
    this.unsubscribe?.();
    await this.running;
    this.running = undefined;
  }

  /**
   * Handles the next window of events, each in a transaction with the
   * checkpoint: read checkpoint, read the visible events after it, hand them
   * over, save the new checkpoint. An event that fails is retried after
   * retryDelayMs (no transaction open meanwhile) until it succeeds or is
   * parked. Returns how many events it moved past. The caller must lead (or be
   * the only instance).
   */
  async processBatch(executor: Kysely<Database> = this.db): Promise<number> {
    let moved = 0;
    for (;;) {
      const outcome = await executor.transaction().execute((trx) => this.runWindow(trx));
      moved += outcome.moved;
      if (!outcome.blocked || this.stopping) return moved;
      await this.retryPause.for(this.retryDelayMs);
    }
  }

  /**
   * The same inside a transaction the caller owns (a projection swap finishes
   * its catch-up under its table locks): one try, no waiting. An event that
   * fails and is not parked yet stops it just before that event.
   */
  async processBatchIn(trx: Transaction<Database>): Promise<number> {
    return (await this.runWindow(trx)).moved;
  }

  private async runWindow(trx: Transaction<Database>): Promise<WindowOutcome> {
    const checkpoint = await readCheckpoint(trx, this.name);
    const limit = await this.upstreamLimit(trx);
    const { events, last, count } = await readVisibleAfter(trx, checkpoint, this.batchSize, limit, this.readTypes);
    if (!last) return { moved: 0, blocked: false };
    const items = this.itemsOf(events);
    if (items.length > 0) {
      // A window holding an event that failed before goes one by one at once: the batch would fail again.
      const whole = this.failures.anyOf(items.map((i) => i.event.eventId))
        ? { ok: false as const, error: undefined }
        : await inSavepoint(trx, () => this.handleItems(trx, items));
      if (!whole.ok) {
        if (isTransientError(whole.error)) throw whole.error;
        const oneByOne = await this.handleOneByOne(trx, items);
        if (oneByOne.blocked) {
          if (oneByOne.upTo) await saveCheckpoint(trx, this.name, oneByOne.upTo, checkpoint);
          return { moved: oneByOne.moved, blocked: true };
        }
      }
    }
    await saveCheckpoint(trx, this.name, last, checkpoint);
    return { moved: count, blocked: false };
  }

  /** Replay requests naming another consumer are not this one's business. */
  private itemsOf(events: StoredEvent[]): Item[] {
    const items: Item[] = [];
    for (const event of events) {
      if (event.type !== PARKED_EVENT_REPLAY_REQUESTED) items.push({ kind: 'event', event });
      else if ((event.data as ParkedEventReplayRequested).consumer === this.name)
        items.push({ kind: 'replay', event, request: event.data as ParkedEventReplayRequested });
    }
    return items;
  }

  /** The batch as the handler likes it: runs of events in one call, replays one by one in log order. */
  private async handleItems(trx: Transaction<Database>, items: Item[]): Promise<void> {
    let run: StoredEvent[] = [];
    for (const item of items) {
      if (item.kind === 'event') {
        run.push(item.event);
        continue;
      }
      if (run.length) await this.options.handle(run, trx);
      run = [];
      await this.replay(trx, item.request);
    }
    if (run.length) await this.options.handle(run, trx);
  }

  /** After a batch failed: each event alone, to find the one that fails (and commit the rest). */
  private async handleOneByOne(
    trx: Transaction<Database>,
    items: Item[],
  ): Promise<{ upTo?: Checkpoint; moved: number; blocked: boolean }> {
    let upTo: Checkpoint | undefined;
    let moved = 0;
    for (const item of items) {
      if (item.kind === 'replay') await this.replay(trx, item.request);
      else {
        const { event } = item;
        const attempt = await inSavepoint(trx, () => this.options.handle([event], trx));
        if (!attempt.ok) {
          if (isTransientError(attempt.error)) throw attempt.error;
          const failure = this.failures.record(event.eventId, attempt.error);
          this.options.onError?.(attempt.error, this.name);
          this.lastError = {
            message: `event ${event.eventId} (${event.type}): ${failure.error}`,
            at: failure.lastFailedAt,
          };
          if (failure.attempts < this.parkAfterAttempts) return { upTo, moved, blocked: true };
          await parkEvent(trx, this.name, event, failure);
          this.options.onParked?.({ consumer: this.name, event, failure });
        }
        this.failures.forget(event.eventId);
      }
      upTo = positionOf(item.event);
      moved += 1;
    }
    return { upTo, moved, blocked: false };
  }

  /** Runs a parked event through the handler again; the outcome is recorded on its row, never thrown (unless transient). */
  private async replay(trx: Transaction<Database>, request: ParkedEventReplayRequested): Promise<void> {
    const original = await loadReplay(trx, request);
    if (!original) return; // replayed already, or the row is gone (a rebuild took over)
    const attempt = await inSavepoint(trx, () => this.options.handle([{ ...original, replayed: true }], trx));
    if (attempt.ok) return markReplayed(trx, request.parkedId);
    if (isTransientError(attempt.error)) throw attempt.error;
    const error = errorText(attempt.error);
    await markReplayFailed(trx, request.parkedId, error);
    const now = new Date();
    this.options.onParked?.({
      consumer: this.name,
      event: original,
      failure: { error, attempts: 1, firstFailedAt: now, lastFailedAt: now },
      replay: true,
    });
  }

  /** The lowest checkpoint among the consumers this one runs after (none: no limit). */
  private async upstreamLimit(trx: Transaction<Database>): Promise<Checkpoint | undefined> {
    if (!this.options.after?.length) return undefined;
    const checkpoints = await Promise.all(this.options.after.map((name) => readCheckpoint(trx, name)));
    return checkpoints.reduce((lowest, c) => (compareCheckpoints(c, lowest) < 0 ? c : lowest));
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.db.connection().execute(async (connection) => {
          if (!(await this.acquireLeadership(connection))) return;
          try {
            await this.lead(connection);
          } finally {
            this.leading = false;
            await sql`select pg_advisory_unlock(${LOCK_NAMESPACE}, hashtext(${this.name}))`
              .execute(connection)
              .catch(() => undefined);
          }
        });
      } catch (error) {
        this.lastError = { message: error instanceof Error ? error.message : String(error), at: new Date() };
        this.options.onError?.(error, this.name);
        await this.sleep(this.retryDelayMs);
      }
    }
  }

  private async acquireLeadership(connection: Kysely<Database>): Promise<boolean> {
    while (!this.stopping) {
      const { rows } = await sql<{ acquired: boolean }>`
        select pg_try_advisory_lock(${LOCK_NAMESPACE}, hashtext(${this.name})) as acquired`.execute(connection);
      if (rows[0]?.acquired) {
        this.leading = true;
        return true;
      }
      await this.sleep(this.pollIntervalMs);
    }
    return false;
  }

  /** A batch that fails for a transient reason throws out of here: the caller logs it, waits, and leads again from the checkpoint. */
  private async lead(connection: Kysely<Database>): Promise<void> {
    while (!this.stopping) {
      const wokenBefore = this.wokenAt;
      const moved = await this.processBatch(connection);
      if (moved > 0) this.lastError = undefined;
      if (moved >= this.batchSize) continue;
      // A NOTIFY that arrived while the batch ran announces events it may not have seen: look again now.
      if (moved > 0 && this.wokenAt !== wokenBefore) continue;
      const recentlyWoken = moved === 0 && Date.now() - this.wokenAt < this.pollIntervalMs;
      await this.sleep(recentlyWoken ? SETTLE_DELAY_MS : this.pollIntervalMs);
    }
  }

  /** Sleeps until the timeout, a NOTIFY, or stop(). */
  private sleep(ms: number): Promise<void> {
    return this.stopping ? Promise.resolve() : this.idle.for(ms);
  }
}
