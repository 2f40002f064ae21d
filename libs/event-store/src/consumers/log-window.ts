import { type Transaction, sql } from 'kysely';
import type { Database } from '#db';
import type { StoredEvent } from '../events.js';
import { type EventRow, toStoredEvent } from '../rows.js';
import type { Checkpoint } from './checkpoints.js';

export interface LogWindow {
  /** The wanted events of the window, in log order. */
  events: StoredEvent[];
  /** The window's last position (wanted or not): where the checkpoint moves once the window is handled. */
  last?: Checkpoint;
  /** Events in the window, wanted or not. */
  count: number;
}

export const positionOf = (event: StoredEvent): Checkpoint => ({
  transactionId: event.transactionId,
  globalPosition: event.globalPosition,
});

/**
 * The next window of visible events after the checkpoint, in log order. With a
 * type filter, only the wanted events' bodies are fetched (and their JSON
 * decoded); `last` is the window's last position either way, so the checkpoint
 * moves past the rest.
 */
export async function readVisibleAfter(
  trx: Transaction<Database>,
  after: Checkpoint,
  limit: number,
  upTo: Checkpoint | undefined,
  types: ReadonlySet<string> | undefined,
): Promise<LogWindow> {
  const window = sql`
    select transaction_id, global_position, type
    from events
    where (transaction_id, global_position) > (${after.transactionId}::xid8, ${after.globalPosition.toString()}::bigint)
      and transaction_id < pg_snapshot_xmin(pg_current_snapshot())
      ${upTo ? sql`and (transaction_id, global_position) <= (${upTo.transactionId}::xid8, ${upTo.globalPosition.toString()}::bigint)` : sql``}
    order by transaction_id, global_position
    limit ${limit}`;
  const { rows } = await sql<
    EventRow & { window_count: string; last_transaction_id: string; last_global_position: string }
  >`
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
