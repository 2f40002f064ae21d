import { type Transaction, sql } from 'kysely';
import type { Database } from '#db';

/** A position in the log: the pair log consumers order and resume by. */
export interface Checkpoint {
  transactionId: string;
  globalPosition: bigint;
}

export const START_OF_LOG: Checkpoint = { transactionId: '0', globalPosition: 0n };

/** Log order: by transaction id (compared as integers), then global position. */
export function compareCheckpoints(a: Checkpoint, b: Checkpoint): number {
  const byTransaction = BigInt(a.transactionId) - BigInt(b.transactionId);
  if (byTransaction !== 0n) return byTransaction < 0n ? -1 : 1;
  return a.globalPosition === b.globalPosition ? 0 : a.globalPosition < b.globalPosition ? -1 : 1;
}

export async function readCheckpoint(trx: Transaction<Database>, consumer: string): Promise<Checkpoint> {
  const row = await trx.selectFrom('consumer_checkpoints').select(['transaction_id', 'global_position']).where('consumer', '=', consumer).executeTakeFirst();
  return row ? { transactionId: row.transaction_id, globalPosition: BigInt(row.global_position) } : START_OF_LOG;
}

/** Written in the handler's transaction, so read-model changes and position commit together. */
export async function saveCheckpoint(trx: Transaction<Database>, consumer: string, checkpoint: Checkpoint): Promise<void> {
  await sql`
    insert into consumer_checkpoints (consumer, transaction_id, global_position)
    values (${consumer}, ${checkpoint.transactionId}::xid8, ${checkpoint.globalPosition.toString()}::bigint)
    on conflict (consumer) do update
      set transaction_id = excluded.transaction_id, global_position = excluded.global_position, updated_at = now()`.execute(trx);
}
