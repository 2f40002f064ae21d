import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { sql } from 'kysely';
import { type TestDatabase, createTestDatabase } from '#db/testing/test-database';
import { type RunningApp, freePort, startCompiledApp } from './support/compiled-app.js';
import { PrivateRedis } from './support/redis-server.js';
import { deliver } from './support/signed-delivery.js';
import { TcpProxy } from './support/tcp-proxy.js';

const SEED = readFileSync(
  resolve(import.meta.dirname, '../../shared/corpus/dev/ap-2021-04-07-kadhimi-letter.txt'),
  'utf8',
);

const article = (n: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    url: `https://news.example.org/story-${n}`,
    title: `Story ${n}`,
    publishedAt: '2021-04-07',
    outlet: 'Example',
    body: `Story ${n}: Iraq and Iran held talks in Baghdad on Monday. `.padEnd(
      400,
      'The two delegations discussed border security, trade and the payment of Iraq’s gas debts. ',
    ),
    ...extra,
  });

/**
 * The ingest path end to end: the compiled app (api + worker in one process)
 * on a real PostgreSQL (through a proxy the test can cut) and a private Redis
 * (which the test can stop).
 */
describe('webhook ingest → coded events (end to end)', () => {
  let testDb: TestDatabase;
  let proxy: TcpProxy;
  let redis: PrivateRedis;
  let app: RunningApp;
  let baseUrl: string;

  const storedTypes = async (articleId: string) =>
    (
      await testDb.db
        .selectFrom('events')
        .select('type')
        .where('stream_id', '=', `article-${articleId}`)
        .orderBy('stream_version')
        .execute()
    ).map((r) => r.type);
  // What a refused delivery must not leave behind: an article or a reserved key. (Coding of earlier
  // articles may still append events meanwhile, so the whole log is not a fair count.)
  const storedArticles = async () =>
    Number(
      (
        await sql<{
          n: string;
        }>`select (select count(*) from events where type = 'ArticleReceived') + (select count(*) from article_keys) as n`.execute(
          testDb.db,
        )
      ).rows[0]!.n,
    );
  const waitUntilCoded = async (articleId: string, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await storedTypes(articleId)).includes('ArticleCoded')) {
      if (Date.now() > deadline)
        throw new Error(`article ${articleId} was not coded in ${timeoutMs} ms:\n${app.output().slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  beforeAll(async () => {
    testDb = await createTestDatabase();
    const target = new URL(testDb.url);
    proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    const proxied = new URL(testDb.url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(await proxy.start());
    redis = new PrivateRedis(await freePort());
    await redis.start();
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    app = await startCompiledApp('apps/standalone/src/main.js', {
      PORT: String(port),
      DATABASE_URL: proxied.toString(),
      REDIS_URL: redis.url,
      CONSUMER_POLL_MS: '200',
    });
  }, 90_000);

  afterAll(async () => {
    await app?.stop('SIGTERM');
    await redis?.stop();
    await proxy?.cut();
    await testDb?.drop();
  }, 60_000);

  it('codes the seed article into the design card events with their actors and dates', async () => {
    const response = await deliver(baseUrl, {
      id: 'msg_seed',
      body: JSON.stringify({
        url: 'https://apnews.com/article/iraq-iran-militias',
        title: 'Iraqi PM demands Iran restrain militias ahead of US talks',
        publishedAt: '2021-04-07',
        outlet: 'AP',
        body: SEED,
      }),
    });
    expect(response.status).toBe(202);
    expect(response.json).toEqual({
      articleId: expect.any(String),
      statusUrl: `/api/articles/${response.json.articleId}`,
    });
    await waitUntilCoded(response.json.articleId);

    const rows = await testDb.db
      .selectFrom('events')
      .select(['type', 'data'])
      .where('stream_id', '=', `article-${response.json.articleId}`)
      .execute();
    const ofType = (type: string) => rows.filter((r) => r.type === type).map((r) => r.data as any);
    expect(
      ofType('TalksStarted').some(
        (e) => e.date.start === '2021-04-07' && [...e.agent, ...e.target].some((a: any) => a.country === 'USA'),
      ),
    ).toBe(true);
    expect(
      ofType('LetterSent').some(
        (e) => e.agent[0]?.id === 'mustafa-al-kadhimi' && e.target.some((t: any) => t.id === 'iran'),
      ),
    ).toBe(true);
    expect(
      ofType('VisitMade').some(
        (e) => e.agent[0]?.id === 'esmail-qaani' && e.target.some((t: any) => t.country === 'IRQ'),
      ),
    ).toBe(true);
    expect(
      ofType('WaiverGranted').some(
        (e) =>
          e.agent[0]?.country === 'USA' &&
          e.target.some((t: any) => t.id === 'iraq') &&
          e.date.start.startsWith('2021-03'),
      ),
    ).toBe(true);
    for (const row of rows.filter((r) => (r.data as any).evidence)) {
      for (const span of (row.data as any).evidence) expect(SEED.slice(span.start, span.end)).toBe(span.text);
    }
  }, 60_000);

  it('stores the same delivery sent 100 times once', async () => {
    const body = article('hundred');
    const responses = await Promise.all(
      Array.from({ length: 100 }, () => deliver(baseUrl, { id: 'msg_hundred', body })),
    );
    expect(responses.every((r) => r.status === 202 || r.status === 200)).toBe(true);
    expect(responses.filter((r) => r.status === 202)).toHaveLength(1);
    const ids = new Set(responses.map((r) => r.json.articleId));
    expect(ids.size).toBe(1);
    const [articleId] = ids;
    expect((await storedTypes(articleId as string)).filter((t) => t === 'ArticleReceived')).toHaveLength(1);
    // Another webhook-id with the same URL, or the same text under another URL, is the same article.
    expect((await deliver(baseUrl, { id: 'msg_hundred_again', body })).json).toMatchObject({
      articleId,
      duplicate: true,
    });
    const sameText = JSON.parse(body);
    expect(
      (
        await deliver(baseUrl, {
          id: 'msg_hundred_mirror',
          body: JSON.stringify({ ...sameText, url: 'https://mirror.example.net/copy' }),
        })
      ).json,
    ).toMatchObject({ articleId, duplicate: true });
  }, 60_000);

  it('refuses bad signatures, stale timestamps, malformed JSON, wrong types and oversize bodies, storing nothing', async () => {
    const before = await storedArticles();
    const body = article('refused');
    const badSignature = await deliver(baseUrl, {
      id: 'msg_bad',
      body,
      secret: 'whsec_' + Buffer.from('some-other-secret-value').toString('base64'),
    });
    expect(badSignature.status).toBe(401);
    expect(badSignature.json.message).toMatch(/signature/);

    const stale = await deliver(baseUrl, { id: 'msg_stale', body, timestamp: new Date(Date.now() - 10 * 60_000) });
    expect(stale.status).toBe(401);

    const unsigned = await fetch(`${baseUrl}/webhooks/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(unsigned.status).toBe(401);
    expect(((await unsigned.json()) as { message: string }).message).toContain('webhook-id');

    const malformed = await deliver(baseUrl, { id: 'msg_malformed', body: '{"url": "https://x.org/a", "title": ' });
    expect(malformed.status).toBe(400);

    const wrongTypes = await deliver(baseUrl, {
      id: 'msg_types',
      body: JSON.stringify({ url: 'not a url', title: 42, publishedAt: 'yesterday', body: '', outlet: 'X' }),
    });
    expect(wrongTypes.status).toBe(400);
    expect(wrongTypes.json.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'body',
      'publishedAt',
      'title',
      'url',
    ]);

    const oversize = await deliver(baseUrl, { id: 'msg_big', body: article('big', { body: 'x'.repeat(1_100_000) }) });
    expect(oversize.status).toBe(413);

    expect(await storedArticles()).toBe(before);
  });

  it('accepts articles while Redis is down and codes them once it is back', async () => {
    await redis.stop();
    const response = await deliver(baseUrl, { id: 'msg_redis_down', body: article('redis-down') });
    expect(response.status).toBe(202);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await storedTypes(response.json.articleId)).toEqual(['ArticleReceived']);
    await redis.start();
    await waitUntilCoded(response.json.articleId, 45_000);
  }, 90_000);

  it('answers 503, never a 2xx, when PostgreSQL is unreachable, and recovers', async () => {
    const port = proxy.port;
    await proxy.cut();
    const response = await deliver(baseUrl, { id: 'msg_pg_down', body: article('pg-down') });
    expect(response.status).toBe(503);
    expect(response.json.message).toMatch(/nothing was stored/);
    await proxy.start(port);
    const retried = await deliver(baseUrl, { id: 'msg_pg_down', body: article('pg-down') });
    expect(retried.status).toBe(202);
  }, 60_000);
});
