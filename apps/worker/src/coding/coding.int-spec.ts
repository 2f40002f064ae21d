import { randomBytes } from 'node:crypto';
import type { Job } from 'bullmq';
import { loadConfig } from '#config';
import { type CodedEvent, articleStreamId } from '#domain';
import { type TestDatabase, createTestDatabase } from '#db/testing/test-database';
import { EventStore } from '#event-store';
import { ingestArticle } from '#ingest';
import { QueueConnection } from '#queue';
import type { CoderRunner } from './coder-runner.js';
import { createCoderRunner } from './coder-runner.js';
import { CODING_QUEUE, type CodingJob } from './coding-jobs.js';
import { CodingProcessor } from './coding.processor.js';

const TEXT = 'BAGHDAD — Iraq and Iran began a new round of talks on border security in Baghdad on Tuesday, two Iraqi officials said.';

describe('coding processor (PostgreSQL, BullMQ on Redis)', () => {
  let testDb: TestDatabase;
  let store: EventStore;
  let queues: QueueConnection;
  let coder: CoderRunner;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    store = new EventStore(testDb.db);
    queues = new QueueConnection({ redisUrl: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', databaseUrl: testDb.url, namespace: `coding-${randomBytes(4).toString('hex')}` });
    coder = createCoderRunner();
  });
  afterAll(async () => {
    await queues.close();
    await testDb.drop();
  });

  const receive = async (n: string) =>
    (await ingestArticle(testDb.db, store, { url: `https://example.org/${n}`, title: n, publishedAt: '2021-05-12', body: `${TEXT} (${n})`, outlet: 'Example' }, { kind: 'webhook', webhookId: n }, n)).articleId;
  const job = (articleId: string, cause: CodingJob['cause'] = { kind: 'received' }) => ({ data: { articleId, cause }, attemptsMade: 0, opts: {} }) as unknown as Job<CodingJob>;
  const types = async (articleId: string) => (await store.readStream(articleStreamId(articleId))).map((e) => e.type);

  it('appends ArticleCoded and the coded events once; coding again at the same version adds nothing', async () => {
    const processor = new CodingProcessor(store, queues, coder, loadConfig({}));
    const articleId = await receive('once');
    const first = await processor.process(job(articleId));
    expect(first.appended).toBeGreaterThan(1);
    const after = await types(articleId);
    expect(after.slice(0, 2)).toEqual(['ArticleReceived', 'ArticleCoded']);
    expect(after).toContain('TalksStarted');
    expect(await processor.process(job(articleId))).toEqual({ appended: 0 });
    expect(await types(articleId)).toEqual(after);
  });

  it('re-codes on request and records what changed', async () => {
    const processor = new CodingProcessor(store, queues, coder, loadConfig({}));
    const articleId = await receive('recode');
    await processor.process(job(articleId));
    const stream = articleStreamId(articleId);
    const version = await store.streamVersion(stream);
    await store.append(stream, [{ type: 'ArticleRecodeRequested', data: { articleId, requestedBy: 'ana@example.org' } }], { expectedVersion: version });
    await processor.process(job(articleId, { kind: 'recode', requestEventId: 'x' }));
    const events = await store.readStream(stream);
    const recoded = events.filter((e) => e.type === 'ArticleCoded').at(-1)!;
    expect(recoded.data).toMatchObject({ recode: { requestedBy: 'ana@example.org', added: [], retracted: [] } });
    expect((recoded.data as { recode: { unchanged: string[] } }).recode.unchanged.length).toBeGreaterThan(0);
  });

  it('marks the article failed with the reason once every attempt has failed', async () => {
    const broken: CoderRunner = { version: 'broken', extract: async (): Promise<CodedEvent[]> => { throw new Error('coder crashed on this text'); }, close: async () => undefined };
    const processor = new CodingProcessor(store, queues, broken, loadConfig({}));
    processor.onModuleInit();
    const articleId = await receive('failing');
    await queues.queue<CodingJob>(CODING_QUEUE).add('code', { articleId, cause: { kind: 'received' } }, { jobId: `article-${articleId}`, attempts: 2, backoff: { type: 'fixed', delay: 10 } });
    const deadline = Date.now() + 15_000;
    while (!(await types(articleId)).includes('ArticleCodingFailed')) {
      if (Date.now() > deadline) throw new Error('ArticleCodingFailed was not appended');
      await new Promise((r) => setTimeout(r, 50));
    }
    const failed = (await store.readStream(articleStreamId(articleId))).find((e) => e.type === 'ArticleCodingFailed')!;
    expect(failed.data).toEqual({ articleId, reason: 'coder crashed on this text', attempts: 2 });
  });
});
