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
  const row = await trx
    .selectFrom('consumer_checkpoints')
    .select(['transaction_id', 'global_position'])
    .where('consumer', '=', consumer)
    .executeTakeFirst();
  return row ? { transactionId: row.transaction_id, globalPosition: BigInt(row.global_position) } : START_OF_LOG;
}

/** Someone else moved the checkpoint since this batch read it (a projection swap, or a second leader). */
export class CheckpointMovedError extends Error {
  constructor(readonly consumer: string) {
    super(`checkpoint of ${consumer} moved while a batch was in hand; the batch is rolled back and read again`);
    this.name = 'CheckpointMovedError';
  }
}

/**
 * Written in the handler's transaction, so read-model changes and position
 * commit together. Compare-and-set against the checkpoint the batch started
 * from: a batch that raced with a swap of its projection's tables rolls back
 * instead of overwriting the new position.
 */
export async function saveCheckpoint(
  trx: Transaction<Database>,
  consumer: string,
  checkpoint: Checkpoint,
  expected: Checkpoint,
): Promise<void> {
  const { rows } = await sql<{ consumer: string }>`
    insert into consumer_checkpoints as c (consumer, transaction_id, global_position)
    values (${consumer}, ${checkpoint.transactionId}::xid8, ${checkpoint.globalPosition.toString()}::bigint)
    on conflict (consumer) do update
      set transaction_id = excluded.transaction_id, global_position = excluded.global_position, updated_at = now()
      where (c.transaction_id, c.global_position) = (${expected.transactionId}::xid8, ${expected.globalPosition.toString()}::bigint)
    returning c.consumer`.execute(trx);
  if (rows.length === 0) throw new CheckpointMovedError(consumer);
}

/** Sets a checkpoint outright (a swap or a reset), whatever it was. */
export async function overwriteCheckpoint(
  trx: Transaction<Database>,
  consumer: string,
  checkpoint: Checkpoint,
): Promise<void> {
  await sql`
    insert into consumer_checkpoints (consumer, transaction_id, global_position)
    values (${consumer}, ${checkpoint.transactionId}::xid8, ${checkpoint.globalPosition.toString()}::bigint)
    on conflict (consumer) do update
      set transaction_id = excluded.transaction_id, global_position = excluded.global_position, updated_at = now()`.execute(
    trx,
  );
}
