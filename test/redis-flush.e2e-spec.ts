import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { type TestDatabase, createTestDatabase } from '#db/testing/test-database';
import { type RunningApp, freePort, startCompiledApp } from './support/compiled-app.js';
import { PrivateRedis } from './support/redis-server.js';
import { deliver } from './support/signed-delivery.js';

const ARTICLES = 20;
const article = (n: number) =>
  JSON.stringify({
    url: `https://news.example.org/flush-${n}`,
    title: `Flush ${n}`,
    publishedAt: '2021-05-12',
    outlet: 'Example',
    body: `Story ${n}: Iraq and Iran held talks in Baghdad on Monday about border crossing number ${n}. The two delegations discussed trade.`,
  });

/**
 * Issue #11, finding 6: Redis comes back empty (here: FLUSHALL on a private
 * Redis) after the dispatcher queued the articles' coding jobs. The log says
 * they were dispatched, so the dispatcher will not queue them again; the
 * coding sweep must find them still `received` and queue them under the same
 * job ids, until every one is coded.
 */
describe('Redis loses its data (end to end)', () => {
  let testDb: TestDatabase;
  let redis: PrivateRedis;
  let app: RunningApp;
  let baseUrl: string;
  let coding: Queue;
  let client: Redis;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    redis = new PrivateRedis(await freePort());
    await redis.start();
    client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    // Connection options, not a client: the queue then owns its connection and close() ends it.
    coding = new Queue('coding', {
      connection: { host: '127.0.0.1', port: redis.port, maxRetriesPerRequest: null },
      prefix: 'bull',
    });
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    app = await startCompiledApp('apps/standalone/src/main.js', {
      PORT: String(port),
      DATABASE_URL: testDb.url,
      REDIS_URL: redis.url,
      CONSUMER_POLL_MS: '200',
      CODING_SWEEP_INTERVAL_SECONDS: '1',
    });
  }, 120_000);

  afterAll(async () => {
    await app?.stop('SIGTERM');
    await coding?.close();
    client?.disconnect();
    await redis?.stop();
    await testDb?.drop();
  }, 60_000);

  const statusOf = async (articleId: string) =>
    ((await (await fetch(`${baseUrl}/api/articles/${articleId}`)).json()) as { status?: string }).status;

  it('codes every article whose queued job was lost', async () => {
    // Hold the queue so that the jobs are surely dispatched and still waiting when Redis loses them.
    await coding.pause();
    const ids: string[] = [];
    for (let n = 0; n < ARTICLES; n++) {
      const response = await deliver(baseUrl, { id: `msg_flush_${n}`, body: article(n) });
      expect(response.status).toBe(202);
      ids.push(response.json.articleId);
    }
    const deadline = Date.now() + 30_000;
    while ((await coding.getWaitingCount()) < ARTICLES) {
      if (Date.now() > deadline)
        throw new Error(
          `the dispatcher queued ${await coding.getWaitingCount()} of ${ARTICLES} jobs:\n${app.output().slice(-2000)}`,
        );
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(new Set(await Promise.all(ids.map(statusOf)))).toEqual(new Set(['received']));

    expect(await client.flushall()).toBe('OK');
    expect(await coding.getWaitingCount()).toBe(0);

    const codedBy = Date.now() + 90_000;
    for (;;) {
      const statuses = await Promise.all(ids.map(statusOf));
      if (statuses.every((s) => s === 'coded')) break;
      if (Date.now() > codedBy)
        throw new Error(
          `still not coded: ${statuses.filter((s) => s !== 'coded').length} of ${ARTICLES}:\n${app.output().slice(-2000)}`,
        );
      await new Promise((r) => setTimeout(r, 250));
    }
    // Each article was coded once: one ArticleCoded per stream.
    const coded = await testDb.db.selectFrom('events').select('stream_id').where('type', '=', 'ArticleCoded').execute();
    expect(coded).toHaveLength(ARTICLES);
  }, 180_000);
});
