import type { Db } from '#db';
import { isSessionExpired, sessionExpiresAt, shouldTouchSession } from './session-expiry.js';
import { hashSessionToken, newCsrfToken, newSessionToken } from './tokens.js';

/** What the login hands back: the token goes into the cookie and is never stored. */
export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** A live session, with the admin it belongs to. */
export interface ActiveSession {
  sessionId: string;
  userId: string;
  email: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(
  db: Db,
  userId: string,
  options: { ttlHours: number; now?: Date },
): Promise<NewSession> {
  const now = options.now ?? new Date();
  const session = {
    token: newSessionToken(),
    csrfToken: newCsrfToken(),
    expiresAt: sessionExpiresAt(now, options.ttlHours),
  };
  await db.transaction().execute(async (trx) => {
    // Sweep the admin's dead sessions here, so the table never grows without bound.
    await trx.deleteFrom('admin_sessions').where('user_id', '=', userId).where('expires_at', '<=', now).execute();
    await trx
      .insertInto('admin_sessions')
      .values({
        id: hashSessionToken(session.token),
        user_id: userId,
        csrf_token: session.csrfToken,
        created_at: now,
        expires_at: session.expiresAt,
        last_seen_at: now,
      })
      .execute();
  });
  return session;
}

/** The session a cookie token opens, or undefined when it is unknown, expired or its admin is disabled. */
export async function findSession(db: Db, token: string, now: Date = new Date()): Promise<ActiveSession | undefined> {
  const row = await db
    .selectFrom('admin_sessions as s')
    .innerJoin('admin_users as u', 'u.id', 's.user_id')
    .select(['s.id', 's.user_id', 'u.email', 's.csrf_token', 's.expires_at', 's.last_seen_at', 'u.disabled'])
    .where('s.id', '=', hashSessionToken(token))
    .executeTakeFirst();
  if (!row || row.disabled || isSessionExpired(row.expires_at, now)) return undefined;
  if (shouldTouchSession(row.last_seen_at, now)) {
    await db.updateTable('admin_sessions').set({ last_seen_at: now }).where('id', '=', row.id).execute();
  }
  return {
    sessionId: row.id,
    userId: row.user_id,
    email: row.email,
    csrfToken: row.csrf_token,
    expiresAt: row.expires_at,
  };
}

/** Logout: the token opens nothing afterwards. Unknown tokens are a no-op. */
export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('admin_sessions').where('id', '=', hashSessionToken(token)).execute();
}
