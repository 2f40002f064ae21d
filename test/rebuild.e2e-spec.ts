import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type AdminSession, loginAsAdmin } from './support/admin-session.js';
import { type Standalone, startStandalone } from './support/standalone.js';
import { deliver } from './support/signed-delivery.js';

const SEED = readFileSync(
  resolve(import.meta.dirname, '../../shared/corpus/dev/ap-2021-04-07-kadhimi-letter.txt'),
  'utf8',
);
const ADMIN_EMAIL = 'ops@desk.example';
const ADMIN_PASSWORD = 'rebuild e2e password 7';

/** An admin rebuilds a read model through the API while the app keeps serving it; the answers stay the same. */
describe('projection rebuild through the operations API (end to end)', () => {
  let stack: Standalone | undefined;
  let baseUrl: string;
  let admin: AdminSession;

  beforeAll(async () => {
    stack = await startStandalone({ ADMIN_EMAIL, ADMIN_PASSWORD });
    ({ baseUrl } = stack);
    admin = await loginAsAdmin(baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
  }, 90_000);
  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  const until = async <T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`${what} did not happen in ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it('rebuilds read-model.events blue/green and serves the same events after the swap', async () => {
    const delivery = await deliver(baseUrl, {
      id: 'msg_rebuild_seed',
      body: JSON.stringify({
        url: 'https://apnews.com/rebuild-seed',
        title: 'Seed',
        publishedAt: '2021-04-07',
        outlet: 'AP',
        body: SEED,
      }),
    });
    expect(delivery.status).toBe(202);
    const articleId = delivery.json.articleId as string;
    const article = await until(async () => {
      const answer = await fetch(`${baseUrl}/api/articles/${articleId}`);
      const body = answer.ok
        ? ((await answer.json()) as { status: string; events: { eventId: string; type: string }[] })
        : undefined;
      return body?.status === 'coded' && body.events.length > 0 ? body : undefined;
    }, 'coding');

    const requested = await admin.call('POST', '/api/operations/consumers/read-model.events/rebuild', {
      reason: 'e2e: check a rebuild changes nothing',
    });
    expect(requested.status).toBe(202);
    const rebuild = await until(async () => {
      const status = await admin.call('GET', requested.json.statusUrl);
      return ['swapped', 'failed'].includes(status.json.status) ? status.json : undefined;
    }, 'the rebuild');
    expect(rebuild).toMatchObject({
      consumer: 'read-model.events',
      status: 'swapped',
      requestedBy: ADMIN_EMAIL,
      remaining: 0,
      error: null,
    });
    expect(rebuild.processed).toBeGreaterThan(0);

    const after = (await (await fetch(`${baseUrl}/api/articles/${articleId}`)).json()) as {
      events: { eventId: string; type: string }[];
    };
    expect(after.events.map((e) => e.eventId).sort()).toEqual(article.events.map((e) => e.eventId).sort());
    expect((await admin.call('GET', '/api/operations/rebuilds')).json.rebuildable).toEqual([
      'read-model.articles',
      'read-model.events',
      'read-model.incidents',
    ]);
  }, 90_000);

  it('refuses unknown projections (404) and requests without a session (401)', async () => {
    expect((await admin.call('POST', '/api/operations/consumers/read-model.nope/rebuild', {})).status).toBe(404);
    const anonymous = await fetch(`${baseUrl}/api/operations/consumers/read-model.events/rebuild`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(anonymous.status).toBe(401);
    expect((await fetch(`${baseUrl}/api/operations/rebuilds`)).status).toBe(401);
  });
});
