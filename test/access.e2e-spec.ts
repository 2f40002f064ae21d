import { loginAsAdmin } from './support/admin-session.js';
import type { RunningApp } from './support/compiled-app.js';
import { type Standalone, startStandalone } from './support/standalone.js';

const ADMIN_EMAIL = 'access@desk.example';
const ADMIN_PASSWORD = 'access e2e password 42';
const READER_TOKEN = 'reader-token-0123456789abcdef';
const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

/**
 * Issue #11, findings 8 and 11 (login): the read API and exports behind
 * API_TOKENS (or an admin session), /metrics behind METRICS_TOKEN, /docs off
 * with DOCS_PUBLIC=false, feeds for admins only, per-account login backoff,
 * and a warning at start while the development webhook secret is in use.
 */
describe('access (end to end)', () => {
  let app: RunningApp;
  let stack: Standalone | undefined;
  let baseUrl: string;

  beforeAll(async () => {
    stack = await startStandalone({
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      API_TOKENS: `another-token-that-is-long-enough, ${READER_TOKEN}`,
      METRICS_TOKEN,
      DOCS_PUBLIC: 'false',
      WEBHOOK_SECRET: '',
    });
    ({ app, baseUrl } = stack);
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${baseUrl}${path}`, { headers });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('warns at start that the development webhook secret is in use', () => {
    expect(app.output()).toMatch(
      /WEBHOOK_SECRET is unset: article deliveries are checked against the public development secret/,
    );
  });

  it('asks the read API and exports for a bearer token from API_TOKENS, or an admin session', async () => {
    for (const path of ['/api/events', '/api/articles', '/api/export/events.csv', '/api/incidents']) {
      const anonymous = await get(path);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toBe('Bearer realm="newsledger"');
      expect(((await anonymous.json()) as { message: string }).message).toMatch(/Authorization: Bearer/);
      expect((await get(path, bearer('reader-token-0123456789abcdeX'))).status).toBe(401);
      const withToken = await get(path, bearer(READER_TOKEN));
      expect(withToken.status).toBe(200);
      await withToken.arrayBuffer();
    }
    const admin = await loginAsAdmin(baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    expect((await admin.call('GET', '/api/events')).status).toBe(200);
    // A reader's token opens reads, not the admin's pages.
    expect((await get('/api/feeds', bearer(READER_TOKEN))).status).toBe(401);
    expect((await get('/api/operations/parked', bearer(READER_TOKEN))).status).toBe(401);
    expect((await admin.call('GET', '/api/feeds')).status).toBe(200);
  });

  it('serves /metrics only with METRICS_TOKEN, no /docs with DOCS_PUBLIC=false, and /health to anyone', async () => {
    expect((await get('/metrics')).status).toBe(401);
    expect((await get('/metrics', bearer(READER_TOKEN))).status).toBe(401);
    const scraped = await get('/metrics', bearer(METRICS_TOKEN));
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('newsledger_consumer_parked_events');
    expect((await get('/docs')).status).toBe(404);
    expect((await get('/docs/openapi.json')).status).toBe(404);
    expect((await get('/health')).status).toBe(200);
  });

  it('makes an email wait after five wrong passwords, even with the right one, and leaves other emails alone', async () => {
    const login = (email: string, password: string) =>
      fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
    for (let i = 0; i < 5; i++)
      expect((await login(ADMIN_EMAIL.toUpperCase(), `wrong password ${i}`)).status).toBe(401);
    const locked = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(20);
    expect(await locked.json()).toMatchObject({
      error: 'login-backoff',
      message: expect.stringMatching(/too many wrong passwords for this email/),
    });
    expect((await login('someone-else@desk.example', 'wrong password')).status).toBe(401);
  });
});
