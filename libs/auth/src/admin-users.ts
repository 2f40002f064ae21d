import type { Db } from '#db';
import { burnPasswordCheck, hashPassword, normalizeEmail, verifyPassword } from './passwords.js';

export interface AdminUser {
  id: string;
  email: string;
}

/**
 * Creates the admin unless one with this email exists. An existing admin's
 * password is left alone: a restart with another ADMIN_PASSWORD must not
 * silently replace a password someone has since changed.
 */
export async function ensureAdminUser(
  db: Db,
  email: string,
  password: string,
): Promise<{ user: AdminUser; created: boolean }> {
  const normalized = normalizeEmail(email);
  const existing = await db
    .selectFrom('admin_users')
    .select(['id', 'email'])
    .where('email', '=', normalized)
    .executeTakeFirst();
  if (existing) return { user: existing, created: false };
  const passwordHash = await hashPassword(password);
  // on conflict: two processes starting at once (api and standalone) both try.
  const inserted = await db
    .insertInto('admin_users')
    .values({ email: normalized, password_hash: passwordHash })
    .onConflict((oc) => oc.column('email').doNothing())
    .returning(['id', 'email'])
    .executeTakeFirst();
  if (inserted) return { user: inserted, created: true };
  const raced = await db
    .selectFrom('admin_users')
    .select(['id', 'email'])
    .where('email', '=', normalized)
    .executeTakeFirstOrThrow();
  return { user: raced, created: false };
}

/**
 * The admin these credentials belong to, or undefined. Unknown and disabled
 * admins cost one argon2 verification too, so timing tells nothing.
 */
export async function checkCredentials(db: Db, email: string, password: string): Promise<AdminUser | undefined> {
  const user = await db
    .selectFrom('admin_users')
    .select(['id', 'email', 'password_hash', 'disabled'])
    .where('email', '=', normalizeEmail(email))
    .executeTakeFirst();
  if (!user) return void (await burnPasswordCheck(password));
  const ok = await verifyPassword(user.password_hash, password);
  return ok && !user.disabled ? { id: user.id, email: user.email } : undefined;
}

/** How many admins exist (none: nobody can log in unless ADMIN_EMAIL/ADMIN_PASSWORD create one). */
export async function countAdminUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('admin_users')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
