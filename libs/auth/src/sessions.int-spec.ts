import { type TestDatabase, createTestDatabase } from '#db/testing/test-database';
import { checkCredentials, ensureAdminUser } from './admin-users.js';
import { verifyPassword } from './passwords.js';
import { createSession, deleteSession, findSession } from './sessions.js';
import { hashSessionToken } from './tokens.js';
import { clearLoginFailures, loginLockedUntil, recordLoginFailure } from './login-backoff.js';

describe('admin users and sessions (PostgreSQL)', () => {
  let testDb: TestDatabase;
  let userId: string;
  const PASSWORD = 'correct horse battery staple';

  beforeAll(async () => {
    testDb = await createTestDatabase();
    userId = (await ensureAdminUser(testDb.db, 'Ana@Desk.Example', PASSWORD)).user.id;
  });
  afterAll(() => testDb.drop());

  describe('ensureAdminUser', () => {
    it('stores the email lower-case and only an argon2 hash of the password', async () => {
      const row = await testDb.db
        .selectFrom('admin_users')
        .selectAll()
        .where('id', '=', userId)
        .executeTakeFirstOrThrow();
      expect(row.email).toBe('ana@desk.example');
      expect(row.disabled).toBe(false);
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      expect(row.password_hash).not.toContain(PASSWORD);
    });

    it('never overwrites an existing admin’s password', async () => {
      const again = await ensureAdminUser(testDb.db, 'ana@desk.example', 'another password entirely');
      expect(again).toEqual({ user: { id: userId, email: 'ana@desk.example' }, created: false });
      const row = await testDb.db
        .selectFrom('admin_users')
        .select('password_hash')
        .where('id', '=', userId)
        .executeTakeFirstOrThrow();
      await expect(verifyPassword(row.password_hash, PASSWORD)).resolves.toBe(true);
    });

    it('creates one admin when several processes start at once', async () => {
      const results = await Promise.all(
        Array.from({ length: 4 }, () => ensureAdminUser(testDb.db, 'race@desk.example', PASSWORD)),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.user.id)).size).toBe(1);
    });

    it('refuses a mixed-case email written around it (the check constraint)', async () => {
      await expect(
        testDb.db.insertInto('admin_users').values({ email: 'Bob@Desk.Example', password_hash: 'x' }).execute(),
      ).rejects.toThrow(/check constraint/);
    });
  });

  describe('checkCredentials', () => {
    it('accepts the right password, any email case', async () => {
      await expect(checkCredentials(testDb.db, 'ANA@desk.example', PASSWORD)).resolves.toEqual({
        id: userId,
        email: 'ana@desk.example',
      });
    });

    it('refuses a wrong password, an unknown email and a disabled admin alike', async () => {
      await expect(checkCredentials(testDb.db, 'ana@desk.example', 'wrong password')).resolves.toBeUndefined();
      await expect(checkCredentials(testDb.db, 'nobody@desk.example', PASSWORD)).resolves.toBeUndefined();
      const { user } = await ensureAdminUser(testDb.db, 'gone@desk.example', PASSWORD);
      await testDb.db.updateTable('admin_users').set({ disabled: true }).where('id', '=', user.id).execute();
      await expect(checkCredentials(testDb.db, 'gone@desk.example', PASSWORD)).resolves.toBeUndefined();
    });
  });

  describe('sessions', () => {
    it('stores the sha256 of the token, never the token, and finds the session by the token', async () => {
      const session = await createSession(testDb.db, userId, { ttlHours: 12 });
      const rows = await testDb.db.selectFrom('admin_sessions').selectAll().where('user_id', '=', userId).execute();
      expect(rows.map((r) => r.id)).toContain(hashSessionToken(session.token));
      expect(rows.map((r) => r.id)).not.toContain(session.token);
      const found = await findSession(testDb.db, session.token);
      expect(found).toMatchObject({ userId, email: 'ana@desk.example', csrfToken: session.csrfToken });
      expect(found!.expiresAt.getTime()).toBe(session.expiresAt.getTime());
    });

    it('does not open a session with its stored hash or an unknown token', async () => {
      const session = await createSession(testDb.db, userId, { ttlHours: 12 });
      await expect(findSession(testDb.db, hashSessionToken(session.token))).resolves.toBeUndefined();
      await expect(findSession(testDb.db, 'no-such-token')).resolves.toBeUndefined();
    });

    it('expires a session SESSION_TTL_HOURS after login', async () => {
      const loggedIn = new Date(Date.now() - 13 * 3_600_000);
      const session = await createSession(testDb.db, userId, { ttlHours: 12, now: loggedIn });
      await expect(
        findSession(testDb.db, session.token, new Date(loggedIn.getTime() + 11 * 3_600_000)),
      ).resolves.toBeDefined();
      await expect(findSession(testDb.db, session.token)).resolves.toBeUndefined();
    });

    it('sweeps the admin’s expired sessions at the next login', async () => {
      const old = await createSession(testDb.db, userId, { ttlHours: 1, now: new Date(Date.now() - 2 * 3_600_000) });
      await createSession(testDb.db, userId, { ttlHours: 12 });
      const ids = (await testDb.db.selectFrom('admin_sessions').select('id').execute()).map((r) => r.id);
      expect(ids).not.toContain(hashSessionToken(old.token));
    });

    it('records last-seen at most once a minute', async () => {
      const loggedIn = new Date(Date.now() - 5 * 60_000);
      const session = await createSession(testDb.db, userId, { ttlHours: 12, now: loggedIn });
      const lastSeen = async () =>
        (
          await testDb.db
            .selectFrom('admin_sessions')
            .select('last_seen_at')
            .where('id', '=', hashSessionToken(session.token))
            .executeTakeFirstOrThrow()
        ).last_seen_at;
      await findSession(testDb.db, session.token, new Date(loggedIn.getTime() + 30_000));
      expect((await lastSeen()).getTime()).toBe(loggedIn.getTime());
      const later = new Date(loggedIn.getTime() + 120_000);
      await findSession(testDb.db, session.token, later);
      expect((await lastSeen()).getTime()).toBe(later.getTime());
    });

    it('logout deletes the session: the token opens nothing afterwards', async () => {
      const session = await createSession(testDb.db, userId, { ttlHours: 12 });
      await deleteSession(testDb.db, session.token);
      await expect(findSession(testDb.db, session.token)).resolves.toBeUndefined();
      await expect(deleteSession(testDb.db, session.token)).resolves.toBeUndefined();
    });

    it('closes the sessions of a disabled admin, and deleting an admin deletes its sessions', async () => {
      const { user } = await ensureAdminUser(testDb.db, 'leaver@desk.example', PASSWORD);
      const session = await createSession(testDb.db, user.id, { ttlHours: 12 });
      await testDb.db.updateTable('admin_users').set({ disabled: true }).where('id', '=', user.id).execute();
      await expect(findSession(testDb.db, session.token)).resolves.toBeUndefined();
      await testDb.db.deleteFrom('admin_users').where('id', '=', user.id).execute();
      const left = await testDb.db.selectFrom('admin_sessions').select('id').where('user_id', '=', user.id).execute();
      expect(left).toHaveLength(0);
    });
  });

  describe('login backoff per account', () => {
    it('locks an email after five failures in a row, for 30 s then doubling, whoever tries; a success clears it', async () => {
      const now = new Date('2026-12-03T10:00:00Z');
      for (let i = 1; i <= 4; i++) expect(await recordLoginFailure(testDb.db, 'Ana@Desk.Example', now)).toBeUndefined();
      expect(await loginLockedUntil(testDb.db, 'ana@desk.example', now)).toBeUndefined();
      expect(await recordLoginFailure(testDb.db, 'ana@desk.example', now)).toEqual(new Date('2026-12-03T10:00:30Z'));
      expect(await loginLockedUntil(testDb.db, 'ANA@desk.example', now)).toEqual(new Date('2026-12-03T10:00:30Z'));
      expect(await loginLockedUntil(testDb.db, 'ana@desk.example', new Date('2026-12-03T10:00:31Z'))).toBeUndefined();
      expect(await recordLoginFailure(testDb.db, 'ana@desk.example', new Date('2026-12-03T10:00:31Z'))).toEqual(
        new Date('2026-12-03T10:01:31Z'),
      );
      // Another email is not affected; an email that is no admin is counted the same way.
      expect(await loginLockedUntil(testDb.db, 'ben@desk.example', now)).toBeUndefined();
      for (let i = 1; i <= 5; i++) await recordLoginFailure(testDb.db, 'nobody@desk.example', now);
      expect(await loginLockedUntil(testDb.db, 'nobody@desk.example', now)).toBeDefined();
      await clearLoginFailures(testDb.db, 'ana@desk.example');
      expect(await loginLockedUntil(testDb.db, 'ana@desk.example', new Date('2026-12-03T10:00:32Z'))).toBeUndefined();
      expect(await recordLoginFailure(testDb.db, 'ana@desk.example', now)).toBeUndefined();
    });
  });
});
