import { sql } from 'kysely';
import type { Db } from '#db';

/** Wakes log consumers; a NOTIFY on it tells them that appends have committed (also named in append_to_streams). */
export const EVENTS_CHANNEL = 'newsledger_events';

/**
 * Wakes log consumers after appends commit, with as few NOTIFYs as keep the
 * promise "every commit is followed by a wake-up".
 *
 * Why not a pg_notify inside each appending transaction: PostgreSQL takes a
 * database-wide lock at commit for every transaction that notifies and holds
 * it until the commit record is flushed, so notifying transactions commit one
 * at a time (no group commit of their WAL flushes). Measured with pgbench,
 * 8 clients, 1-row transactions: ~4,100 tps with pg_notify, ~6,900 without.
 *
 * Instead the store calls `committed()` once its own transaction has
 * committed. A NOTIFY is then sent in a transaction of its own. PostgreSQL
 * gives it an xid and a commit record, but with synchronous_commit off for
 * that transaction alone it does not wait for the flush, so the lock is held
 * for microseconds (a crash can lose it, and it carries no data). While one is
 * in flight, later commits only set `again`, and one more NOTIFY goes out when
 * it finishes: a
 * NOTIFY that started before a commit may reach listeners before that commit
 * is visible, the next one cannot. So every commit is followed by a NOTIFY that
 * began after it, and there are at most two per process at a time, however
 * many appends commit meanwhile.
 *
 * If the process dies between a commit and its NOTIFY, or PostgreSQL refuses
 * it, consumers still find the events on their fallback poll
 * (CONSUMER_POLL_MS): a wake-up only ever saves latency. Which events a
 * consumer reads, and that it never skips one, does not depend on it.
 */
export class ConsumerWakeUps {
  private inFlight = false;
  private again = false;
  /** NOTIFYs sent (for benchmarks and tests: appends per wake-up). */
  sent = 0;

  constructor(private readonly db: Db) {}

  committed(): void {
    if (this.inFlight) {
      this.again = true;
      return;
    }
    void this.send();
  }

  private async send(): Promise<void> {
    this.inFlight = true;
    try {
      // Its own transaction, not waiting for the WAL flush of its commit record (see above).
      await sql`select set_config('synchronous_commit', 'off', true), pg_notify(${EVENTS_CHANNEL}, '')`.execute(
        this.db,
      );
      this.sent++;
    } catch {
      // Pool closed or database unreachable: consumers' polling picks the events up.
    } finally {
      this.inFlight = false;
      if (this.again) {
        this.again = false;
        void this.send();
      }
    }
  }
}
