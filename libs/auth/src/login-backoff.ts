import { sql } from 'kysely';
import type { Db } from '#db';
import { normalizeEmail } from './passwords.js';

/**
 * Per-account login backoff, on top of the per-IP rate limit: after
 * FREE_FAILURES wrong passwords in a row for one email, that email waits
 * before its next try — 30 s, then doubling, at most 15 minutes — from any
 * address (a guesser spreading over many IPs gains nothing). It is kept for
 * every email tried, admin or not, so the answers tell nobody which emails
 * are admins. A success clears it; a day without failures forgets it.
 */
export const FREE_FAILURES = 5;
const FIRST_WAIT_MS = 30_000;
const LONGEST_WAIT_MS = 15 * 60_000;
const FORGET_AFTER = '1 day';

/** How long the account waits after its n-th failure in a row. */
export function backoffAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** (failures - FREE_FAILURES));
}

/** When the email may try again, if it must wait. */
export async function loginLockedUntil(db: Db, email: string, now = new Date()): Promise<Date | undefined> {
  const row = await db
    .selectFrom('login_backoff')
    .select('locked_until')
    .where('email', '=', normalizeEmail(email))
    .executeTakeFirst();
  return row?.locked_until && row.locked_until.getTime() > now.getTime() ? row.locked_until : undefined;
}

/** Counts a wrong password; returns when the email may try again (undefined: at once). */
export async function recordLoginFailure(db: Db, email: string, now = new Date()): Promise<Date | undefined> {
  const key = normalizeEmail(email);
  const row = await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('login_backoff')
      .where('last_failure_at', '<', sql<Date>`now() - ${FORGET_AFTER}::interval`)
      .execute();
    return trx
      .insertInto('login_backoff')
      .values({ email: key, failures: 1, last_failure_at: now, locked_until: null })
      .onConflict((oc) =>
        oc.column('email').doUpdateSet({ failures: sql<number>`login_backoff.failures + 1`, last_failure_at: now }),
      )
      .returning('failures')
      .executeTakeFirstOrThrow();
  });
  const wait = backoffAfter(row.failures);
  if (wait === 0) return undefined;
  const until = new Date(now.getTime() + wait);
  await db.updateTable('login_backoff').set({ locked_until: until }).where('email', '=', key).execute();
  return until;
}

export async function clearLoginFailures(db: Db, email: string): Promise<void> {
  await db.deleteFrom('login_backoff').where('email', '=', normalizeEmail(email)).execute();
}
