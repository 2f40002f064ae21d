import { type Kysely, type Transaction, sql } from 'kysely';
import type { Database, Db } from '#db';
import type { StoredEvent } from '../events.js';
import { type EventRow, toStoredEvent } from '../rows.js';
import { type Checkpoint, compareCheckpoints, readCheckpoint, saveCheckpoint } from './checkpoints.js';
import type { LogNotifier } from './log-notifier.js';

/** Handles one batch; its writes commit together with the consumer's checkpoint. */
export type LogHandler = (events: StoredEvent[], trx: Transaction<Database>) => Promise<void>;

export interface LogConsumerOptions {
  /** Unique per consumer; also the key of its checkpoint and of its leadership lock. */
  name: string;
  handle: LogHandler;
  /** Only events of these types reach the handler; the checkpoint moves past the others. */
  types?: readonly string[];
  batchSize?: number;
  /** Fallback poll when no NOTIFY arrives, and how often a standby tries to take over. */
  pollIntervalMs?: number;
  /** Pause after a failed batch before it is tried again. */
  retryDelayMs?: number;
  onError?: (error: unknown, consumer: string) => void;
  /**
   * Consumers whose writes this one reads (an alert projection reading the
   * incidents read model): it never moves past their checkpoints.
   */
  after?: readonly string[];
}

/** Advisory-lock namespace of log consumers (the second key is hashtext(name)). */
const LOCK_NAMESPACE = 7_120_001;
/** After a wake-up finds nothing visible yet (an older transaction still open), look again soon. */
const SETTLE_DELAY_MS = 20;

/**
 * Reads the global log in commit order and never skips an event of a slow
 * transaction. A sequence number is taken before commit, so reading
 * "global_position > last" loses events of a transaction that commits after a
 * later one. We read only events of transactions older than every transaction
 * still running (transaction_id < pg_snapshot_xmin), in (transaction_id,
 * global_position) order, and checkpoint that pair.
 *
 * One instance per name leads, holding a session advisory lock on its own
 * connection; the others wait and take over when it stops or dies.
 */
export class LogConsumer {
  readonly name: string;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly retryDelayMs: number;
  private readonly types?: ReadonlySet<string>;
  private stopping = false;
  private running?: Promise<void>;
  private leading = false;
  private wake?: () => void;
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
    this.types = options.types ? new Set(options.types) : undefined;
  }

  get isLeader(): boolean {
    return this.leading;
  }

  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.unsubscribe = this.notifier?.subscribe(() => {
      this.wokenAt = Date.now();
      this.wake?.();
    });
    this.running = this.run();
  }

  /** Finishes the batch in hand, releases leadership and returns. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    this.unsubscribe?.();
    await this.running;
    this.running = undefined;
  }

  /**
   * One batch in one transaction: read checkpoint, read the visible events
   * after it, hand them over, save the new checkpoint. Returns how many events
   * it moved past. The caller must lead (or be the only instance).
   */
  async processBatch(executor: Kysely<Database> = this.db): Promise<number> {
    return executor.transaction().execute((trx) => this.processBatchIn(trx));
  }

  /** The same inside a transaction the caller owns (a projection swap finishes its catch-up under its table locks). */
  async processBatchIn(trx: Transaction<Database>): Promise<number> {
    const checkpoint = await readCheckpoint(trx, this.name);
    const limit = await this.upstreamLimit(trx);
    const { events, last, count } = await readVisibleAfter(trx, checkpoint, this.batchSize, limit, this.types);
    if (!last) return 0;
    if (events.length > 0) await this.options.handle(events, trx);
    await saveCheckpoint(trx, this.name, last, checkpoint);
    return count;
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
            await sql`select pg_advisory_unlock(${LOCK_NAMESPACE}, hashtext(${this.name}))`.execute(connection).catch(() => undefined);
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

  /** A failed batch throws out of here: the caller logs it, waits, and leads again from the checkpoint. */
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
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

/**
 * The next window of visible events after the checkpoint, in log order. With a
 * type filter, only the wanted events' bodies are fetched (and their JSON
 * decoded); `last` is the window's last position either way, so the checkpoint
 * moves past the rest.
 */
async function readVisibleAfter(
  trx: Transaction<Database>,
  after: Checkpoint,
  limit: number,
  upTo: Checkpoint | undefined,
  types: ReadonlySet<string> | undefined,
): Promise<{ events: StoredEvent[]; last?: Checkpoint; count: number }> {
  const window = sql`
    select transaction_id, global_position, type
    from events
    where (transaction_id, global_position) > (${after.transactionId}::xid8, ${after.globalPosition.toString()}::bigint)
      and transaction_id < pg_snapshot_xmin(pg_current_snapshot())
      ${upTo ? sql`and (transaction_id, global_position) <= (${upTo.transactionId}::xid8, ${upTo.globalPosition.toString()}::bigint)` : sql``}
    order by transaction_id, global_position
    limit ${limit}`;
  const { rows } = await sql<EventRow & { window_count: string; last_transaction_id: string; last_global_position: string }>`
    with w as (${window}),
         n as (select count(*) as window_count from w),
         edge as (select transaction_id::text as last_transaction_id, global_position as last_global_position
                  from w order by transaction_id desc, global_position desc limit 1)
    select e.global_position, e.transaction_id, e.stream_id, e.stream_version, e.event_id, e.type, e.data, e.metadata, e.recorded_at,
           n.window_count, edge.last_transaction_id, edge.last_global_position
    from n cross join edge
    left join w on ${types ? sql`w.type = any(${sql.val([...types])}::text[])` : sql`true`}
    left join events e on e.global_position = w.global_position
    order by w.transaction_id, w.global_position`.execute(trx);
  const count = Number(rows[0]?.window_count ?? 0);
  if (count === 0) return { events: [], count: 0 };
  const edge = rows[0]!;
  return {
    events: rows.filter((row) => row.global_position !== null).map(toStoredEvent),
    last: { transactionId: edge.last_transaction_id, globalPosition: BigInt(edge.last_global_position) },
    count,
  };
}
