import { type Transaction, sql } from 'kysely';
import type { Database } from '#db';

export type Attempt = { ok: true } | { ok: false; error: unknown };

/**
 * Runs `work` so that its failure undoes only its own writes: the consumer's
 * transaction goes on with the next event. A failure to roll back (the
 * connection is gone) is thrown: nothing else in the transaction can be trusted.
 */
export async function inSavepoint(trx: Transaction<Database>, work: () => Promise<void>): Promise<Attempt> {
  await sql`savepoint newsledger_event`.execute(trx);
  try {
    await work();
  } catch (error) {
    await sql`rollback to savepoint newsledger_event`.execute(trx);
    return { ok: false, error };
  }
  await sql`release savepoint newsledger_event`.execute(trx);
  return { ok: true };
}
