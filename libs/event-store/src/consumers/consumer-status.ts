import { sql } from 'kysely';
import type { Db } from '#db';

export interface ConsumerStatus {
  consumer: string;
  transactionId: string;
  globalPosition: string;
  updatedAt: Date | null;
  /** Events stored after the checkpoint (counted up to LAG_COUNT_CAP). */
  lagEvents: number;
  /** Age of the oldest event not yet handled; 0 when caught up. */
  lagSeconds: number;
}

/** Counting stops here so a scrape of a far-behind consumer stays cheap. */
export const LAG_COUNT_CAP = 1_000_000;

/** Position and lag of the named consumers (those that never ran are at the start of the log). */
export async function consumerStatuses(db: Db, names: readonly string[]): Promise<ConsumerStatus[]> {
  if (names.length === 0) return [];
  const { rows } = await sql<{
    consumer: string;
    transaction_id: string;
    global_position: string;
    updated_at: Date | null;
    lag_events: string;
    oldest: Date | null;
  }>`
    select n.consumer,
           coalesce(c.transaction_id, '0'::xid8)::text as transaction_id,
           coalesce(c.global_position, 0)::text as global_position,
           c.updated_at,
           (select count(*) from (
              select 1 from events e
              where (e.transaction_id, e.global_position) > (coalesce(c.transaction_id, '0'::xid8), coalesce(c.global_position, 0))
              limit ${LAG_COUNT_CAP}) pending) as lag_events,
           (select e.recorded_at from events e
              where (e.transaction_id, e.global_position) > (coalesce(c.transaction_id, '0'::xid8), coalesce(c.global_position, 0))
              order by e.transaction_id, e.global_position limit 1) as oldest
    from unnest(${sql.val([...names])}::text[]) as n(consumer)
    left join consumer_checkpoints c on c.consumer = n.consumer
    order by n.consumer`.execute(db);
  const now = Date.now();
  return rows.map((row) => ({
    consumer: row.consumer,
    transactionId: row.transaction_id,
    globalPosition: row.global_position,
    updatedAt: row.updated_at,
    lagEvents: Number(row.lag_events),
    lagSeconds: row.oldest ? Math.max(0, (now - row.oldest.getTime()) / 1000) : 0,
  }));
}
