import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { type TestDatabase, createTestDatabase } from '#db/testing/test-database';
import { type RunningApp, freePort, startCompiledApp } from './support/compiled-app.js';
import { deliver } from './support/signed-delivery.js';

const ADMIN_EMAIL = 'Ana@Desk.Example';
const ADMIN_PASSWORD = 'correct horse battery staple';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Answer {
  status: number;
  json: any;
  setCookie: string[];
}

/**
 * Admin authentication end to end: the compiled api on a real PostgreSQL and
 * Redis, spoken to as a browser would (cookie + x-csrf-token header).
 */
describe('admin authentication (end to end)', () => {
  let testDb: TestDatabase;
  let app: RunningApp;
  let port: number;
  let baseUrl: string;
  let articleId: string;

  const env = (extra: Record<string, string> = {}) => ({
    PORT: String(port),
    DATABASE_URL: testDb.url,
    REDIS_URL,
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    // As behind a proxy, so one test can take a client address of its own.
    TRUST_PROXY: 'true',
    ...extra,
  });

  const call = async (
    method: string,
    path: string,
    options: { cookie?: string; csrf?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Answer> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.cookie) headers.cookie = options.cookie;
    if (options.csrf) headers['x-csrf-token'] = options.csrf;
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      /* not JSON: keep the text */
    }
    return { status: response.status, json, setCookie: response.headers.getSetCookie() };
  };

  /** Logs in and returns what a browser would keep: the cookie pair and the CSRF token. */
  const login = async (password = ADMIN_PASSWORD, headers: Record<string, string> = {}, email = ADMIN_EMAIL) => {
    const answer = await call('POST', '/api/auth/login', { body: { email, password }, headers });
    const pair = answer.setCookie.find((c) => c.startsWith('nl_session='))?.split(';')[0];
    return { answer, cookie: pair, csrf: answer.json?.csrfToken as string | undefined };
  };

  const counts = async () => {
    const { rows } = await sql<{
      events: string;
      feeds: string;
    }>`select (select count(*) from events) as events, (select count(*) from feeds) as feeds`.execute(testDb.db);
    return rows[0];
  };

  beforeAll(async () => {
    testDb = await createTestDatabase();
    port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    app = await startCompiledApp('apps/api/src/main.js', env());
    const delivered = await deliver(baseUrl, {
      id: 'msg_auth_seed',
      body: JSON.stringify({
        url: 'https://news.example.org/auth-seed',
        title: 'Seed',
        publishedAt: '2021-04-07',
        outlet: 'Example',
        body: 'Iraq and Iran held talks in Baghdad on Monday.',
      }),
    });
    expect(delivered.status).toBe(202);
    articleId = delivered.json.articleId;
  }, 90_000);

  afterAll(async () => {
    await app?.stop('SIGTERM');
    await testDb?.drop();
  }, 60_000);

  it('creates the first admin from ADMIN_EMAIL/ADMIN_PASSWORD, lower-cased, with an argon2id hash', async () => {
    const admins = await testDb.db.selectFrom('admin_users').select(['email', 'password_hash']).execute();
    expect(admins).toHaveLength(1);
    expect(admins[0]!.email).toBe('ana@desk.example');
    expect(admins[0]!.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('logs in: an httpOnly, SameSite=Strict, Path=/ cookie (not Secure over http) and { email, csrfToken }; /me answers with it', async () => {
    const { answer, cookie, csrf } = await login();
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ email: 'ana@desk.example', csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    const setCookie = answer.setCookie.find((c) => c.startsWith('nl_session='))!;
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect(setCookie).toMatch(/; SameSite=Strict/i);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).not.toMatch(/; Secure/i);
    // The cookie holds the token; the table holds only its sha256.
    const stored = await testDb.db.selectFrom('admin_sessions').select('id').execute();
    expect(stored.map((s) => s.id)).not.toContain(cookie!.slice('nl_session='.length));

    const me = await call('GET', '/api/auth/me', { cookie });
    expect(me.status).toBe(200);
    expect(me.json).toEqual({ email: 'ana@desk.example', csrfToken: csrf });
  });

  it('marks the cookie Secure when the request came over https (through a proxy)', async () => {
    const { answer } = await login(ADMIN_PASSWORD, { 'x-forwarded-proto': 'https' });
    expect(answer.status).toBe(200);
    expect(answer.setCookie.find((c) => c.startsWith('nl_session='))).toMatch(/; Secure/i);
  });

  it('answers 401 with one generic message for a wrong password and for an unknown admin, and sets no cookie', async () => {
    const wrong = await login('not the password at all');
    expect(wrong.answer.status).toBe(401);
    expect(wrong.cookie).toBeUndefined();
    const unknown = await call('POST', '/api/auth/login', {
      body: { email: 'nobody@desk.example', password: ADMIN_PASSWORD },
    });
    expect(unknown.status).toBe(401);
    expect(unknown.json.message).toBe(wrong.answer.json.message);
    expect(unknown.setCookie).toEqual([]);
  });

  it('answers /me with 401 without a session or with a forged cookie', async () => {
    expect((await call('GET', '/api/auth/me')).status).toBe(401);
    expect((await call('GET', '/api/auth/me', { cookie: `nl_session=${'A'.repeat(43)}` })).status).toBe(401);
  });

  it('answers 401 on every state-changing /api route without a session, and changes nothing', async () => {
    const document = (await call('GET', '/docs/openapi.json')).json as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes: { method: string; path: string }[] = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const method of Object.keys(operations)) {
        if (
          ['post', 'put', 'patch', 'delete'].includes(method) &&
          path.startsWith('/api/') &&
          path !== '/api/auth/login'
        )
          routes.push({ method: method.toUpperCase(), path });
      }
    }
    const listed = routes.map((r) => `${r.method} ${r.path}`);
    expect(listed).toEqual(
      expect.arrayContaining([
        'POST /api/events/{eventId}/retract',
        'POST /api/events/{eventId}/correct',
        'POST /api/articles/{id}/recode',
        'POST /api/auth/logout',
      ]),
    );
    if (document.paths['/api/feeds']) expect(listed).toContain('POST /api/feeds');

    // Bodies that would be accepted, and the real article for recode: only the guard stands in the way.
    const bodies: Record<string, unknown> = {
      '/api/events/{eventId}/retract': { reason: 'duplicate of another report' },
      '/api/events/{eventId}/correct': { reason: 'wrong date', changes: { modality: 'asserted' } },
      '/api/articles/{id}/recode': { reason: 'new coder' },
      '/api/feeds': { url: 'https://news.example.org/rss.xml', outlet: 'Example' },
    };
    const before = await counts();
    for (const route of routes) {
      const path = route.path.replace('{id}', articleId).replace(/\{[^}]+\}/g, () => randomUUID());
      const bare = await call(route.method, path, { body: bodies[route.path] ?? {} });
      expect({ route: `${route.method} ${route.path}`, status: bare.status }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 401,
      });
      // A stale or forged cookie, or a CSRF header without a session, is no better.
      const forged = await call(route.method, path, {
        body: bodies[route.path] ?? {},
        cookie: 'nl_session=forged',
        csrf: 'forged',
      });
      expect({ route: `${route.method} ${route.path}`, status: forged.status }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 401,
      });
    }
    expect(await counts()).toEqual(before);
  });

  it('answers 403 to a session without the CSRF header, or with another session’s token, and changes nothing', async () => {
    const mine = await login();
    const other = await login();
    const before = await counts();
    const missing = await call('POST', `/api/articles/${articleId}/recode`, {
      cookie: mine.cookie,
      body: { reason: 'new coder' },
    });
    expect(missing.status).toBe(403);
    expect(missing.json.message).toMatch(/x-csrf-token/);
    const foreign = await call('POST', `/api/articles/${articleId}/recode`, {
      cookie: mine.cookie,
      csrf: other.csrf,
      body: { reason: 'new coder' },
    });
    expect(foreign.status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('lets a session with its CSRF token through, and records the admin as who did it', async () => {
    const { cookie, csrf } = await login();
    const recode = await call('POST', `/api/articles/${articleId}/recode`, {
      cookie,
      csrf,
      body: { reason: 'new coder' },
      headers: { 'x-newsledger-actor': 'someone-else' },
    });
    expect(recode.status).toBe(202);
    const event = await testDb.db
      .selectFrom('events')
      .select(['data', 'metadata'])
      .where('stream_id', '=', `article-${articleId}`)
      .where('type', '=', 'ArticleRecodeRequested')
      .executeTakeFirstOrThrow();
    expect(event.data).toMatchObject({ requestedBy: 'ana@desk.example', reason: 'new coder' });
    expect(event.metadata).toMatchObject({ actor: 'ana@desk.example' });

    const retract = await call('POST', `/api/events/${randomUUID()}/retract`, {
      cookie,
      csrf,
      body: { reason: 'duplicate of another report' },
    });
    expect(retract.status).toBe(404);
    const correct = await call('POST', `/api/events/${randomUUID()}/correct`, {
      cookie,
      csrf,
      body: { reason: 'wrong date', changes: { modality: 'asserted' } },
    });
    expect(correct.status).toBe(404);
  });

  // (The signed webhook stayed open too: beforeAll delivered the seed through it.)
  it('keeps GET reads under /api (without API_TOKENS), /health, /metrics and /docs open; feeds are for admins', async () => {
    expect((await call('GET', '/api/articles')).status).toBe(200);
    expect((await call('GET', '/api/feeds')).status).toBe(401);
    expect((await call('GET', '/health')).status).toBe(200);
    expect((await call('GET', '/metrics')).status).toBe(200);
    expect((await call('GET', '/docs/openapi.json')).status).toBe(200);
  });

  it('logout deletes the session: the same cookie then gets 401', async () => {
    const { cookie, csrf } = await login();
    expect((await call('GET', '/api/auth/me', { cookie })).status).toBe(200);
    const logout = await call('POST', '/api/auth/logout', { cookie, csrf });
    expect(logout.status).toBe(204);
    expect(logout.setCookie.find((c) => c.startsWith('nl_session='))).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect((await call('GET', '/api/auth/me', { cookie })).status).toBe(401);
    expect((await call('POST', `/api/articles/${articleId}/recode`, { cookie, csrf, body: {} })).status).toBe(401);
  });

  it('answers 429 to the 11th login attempt from one address within a minute', async () => {
    // Its own client address (the app is started with TRUST_PROXY=true, as behind a proxy), so the other tests' logins do not count.
    const from = { 'x-forwarded-for': '203.0.113.77' };
    const statuses: number[] = [];
    // A different email each time: the per-account backoff (its own test) must not be what answers here.
    for (let i = 0; i < 11; i++)
      statuses.push((await login('wrong password attempt', from, `guess-${i}@desk.example`)).answer.status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
    // Even the right password is refused until the minute is over.
    expect((await login(ADMIN_PASSWORD, from)).answer.status).toBe(429);
  }, 60_000);

  it('never overwrites an existing admin’s password at a restart with another ADMIN_PASSWORD, and logs that', async () => {
    await app.stop('SIGTERM');
    app = await startCompiledApp(
      'apps/api/src/main.js',
      env({ ADMIN_PASSWORD: 'a different password', LOG_LEVEL: 'info' }),
    );
    expect((await login()).answer.status).toBe(200);
    expect((await login('a different password')).answer.status).toBe(401);
    expect(app.output()).toMatch(/admin ana@desk\.example exists; ADMIN_PASSWORD was not applied/);
  }, 90_000);
});
