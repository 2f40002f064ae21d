import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import type { Job } from 'bullmq';
import { loadConfig } from '#config';
import { articleStreamId } from '#domain';
import { type TestDatabase, createTestDatabase } from '#db/testing/test-database';
import { EventStore } from '#event-store';
import type { CodingResult } from '#extraction';
import { ingestArticle } from '#ingest';
import { QueueConnection } from '#queue';
import type { CoderRunner } from './coder-runner.js';
import { createCoderRunner } from './coder-runner.js';
import { CODING_QUEUE, type CodingJob } from './coding-jobs.js';
import { CodingProcessor } from './coding.processor.js';

/** Puts a recorder in place of the processor's logger: the lines it would have written, by level. */
function recordLogs(processor: CodingProcessor): Record<'debug' | 'log' | 'warn' | 'error', unknown[][]> {
  const lines = { debug: [] as unknown[][], log: [] as unknown[][], warn: [] as unknown[][], error: [] as unknown[][] };
  const logger = {
    debug: (...a: unknown[]) => lines.debug.push(a),
    log: (...a: unknown[]) => lines.log.push(a),
    warn: (...a: unknown[]) => lines.warn.push(a),
    error: (...a: unknown[]) => lines.error.push(a),
  };
  Object.assign(processor, { logger });
  return lines;
}

const TEXT =
  'BAGHDAD — Iraq and Iran began a new round of talks on border security in Baghdad on Tuesday, two Iraqi officials said.';
/** The compiled thread entry (npm test builds first): under Jest the runner otherwise codes inline, with no time limit. */
const THREAD = new URL('../../../../dist/apps/worker/src/coding/coder.thread.js', import.meta.url);

describe('coding processor (PostgreSQL, BullMQ on Redis)', () => {
  let testDb: TestDatabase;
  let store: EventStore;
  let queues: QueueConnection;
  let coder: CoderRunner;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    store = new EventStore(testDb.db);
    queues = new QueueConnection({
      redisUrl: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      databaseUrl: testDb.url,
      namespace: `coding-${randomBytes(4).toString('hex')}`,
    });
    coder = createCoderRunner({ timeoutMs: 30_000 });
  });
  afterAll(async () => {
    await queues.close();
    await testDb.drop();
  });

  const receive = async (n: string, body = `${TEXT} (${n})`, language?: string) =>
    (
      await ingestArticle(
        testDb.db,
        store,
        {
          url: `https://example.org/${n}`,
          title: n,
          publishedAt: '2021-05-12',
          body,
          outlet: 'Example',
          ...(language && { language }),
        },
        { kind: 'webhook', webhookId: n },
        n,
      )
    ).articleId;
  const job = (articleId: string, cause: CodingJob['cause'] = { kind: 'received' }) =>
    ({ data: { articleId, cause }, attemptsMade: 0, opts: {} }) as unknown as Job<CodingJob>;
  const stored = async (articleId: string) => store.readStream(articleStreamId(articleId));
  const types = async (articleId: string) => (await stored(articleId)).map((e) => e.type);
  const waitFor = async (articleId: string, type: string, ms = 20_000) => {
    const deadline = Date.now() + ms;
    while (!(await types(articleId)).includes(type)) {
      if (Date.now() > deadline) throw new Error(`${type} was not appended to article ${articleId}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return (await stored(articleId)).find((e) => e.type === type)!;
  };

  it('appends ArticleCoded and the coded events once, logging one line; again at the same version adds nothing', async () => {
    const processor = new CodingProcessor(store, queues, coder, loadConfig({}));
    const logs = recordLogs(processor);
    const articleId = await receive('once');
    const first = await processor.process(job(articleId));
    expect(first.appended).toBeGreaterThan(1);
    const after = await types(articleId);
    expect(after.slice(0, 2)).toEqual(['ArticleReceived', 'ArticleCoded']);
    expect(after).toContain('TalksStarted');
    expect((await stored(articleId))[1]!.data).toMatchObject({ language: 'en' });
    expect(logs.log).toEqual([
      [
        { articleId, status: 'coded', events: first.appended - 1, language: 'en', ms: expect.any(Number) },
        'article coded',
      ],
    ]);
    expect(await processor.process(job(articleId))).toEqual({ appended: 0 });
    expect(await types(articleId)).toEqual(after);
    expect(logs.log[1]).toEqual([expect.objectContaining({ articleId, status: 'unchanged' }), 'article coded']);
    // and one debug line per batch: how many articles it stored, and how long that took
    expect(logs.debug).toEqual([
      [{ articles: 1, ms: expect.any(Number) }, 'coding batch stored'],
      [{ articles: 1, ms: expect.any(Number) }, 'coding batch stored'],
    ]);
  });

  it('re-codes on request and records what changed', async () => {
    const processor = new CodingProcessor(store, queues, coder, loadConfig({}));
    const articleId = await receive('recode');
    await processor.process(job(articleId));
    const stream = articleStreamId(articleId);
    const version = await store.streamVersion(stream);
    await store.append(
      stream,
      [{ type: 'ArticleRecodeRequested', data: { articleId, requestedBy: 'ana@example.org' } }],
      { expectedVersion: version },
    );
    await processor.process(job(articleId, { kind: 'recode', requestEventId: 'x' }));
    const events = await store.readStream(stream);
    const recoded = events.filter((e) => e.type === 'ArticleCoded').at(-1)!;
    expect(recoded.data).toMatchObject({ recode: { requestedBy: 'ana@example.org', added: [], retracted: [] } });
    expect((recoded.data as { recode: { unchanged: string[] } }).recode.unchanged.length).toBeGreaterThan(0);
  });

  it('marks an article in another language unsupported-language (detected or as sent), with no events', async () => {
    const processor = new CodingProcessor(store, queues, coder, loadConfig({}));
    const french = await receive(
      'french',
      "L'Irak et l'Iran ont entamé mardi à Bagdad un nouveau cycle de négociations sur la sécurité des frontières, selon deux responsables irakiens.",
    );
    const declared = await receive('declared-arabic', `${TEXT} (declared)`, 'ar');
    for (const articleId of [french, declared]) {
      expect(await processor.process(job(articleId))).toEqual({ appended: 1 });
      expect(await types(articleId)).toEqual(['ArticleReceived', 'ArticleCoded']);
    }
    expect((await stored(french))[1]!.data).toEqual({
      articleId: french,
      coderVersion: coder.version,
      eventIds: [],
      language: 'fr',
      unsupportedLanguage: true,
    });
    expect((await stored(declared))[1]!.data).toMatchObject({ language: 'ar', unsupportedLanguage: true });
  });

  it('logs what the coder left out of an article, with the article id', async () => {
    const skipping: CoderRunner = {
      version: 'skipping',
      code: async (): Promise<CodingResult> => ({
        language: 'en',
        events: [],
        problems: [{ kind: 'skipped', start: 0, end: 10, error: 'TypeError: x' }],
        truncated: { from: 20, reason: 'more than 8000 sentences' },
      }),
      close: async () => undefined,
    };
    const processor = new CodingProcessor(store, queues, skipping, loadConfig({}));
    const logs = recordLogs(processor);
    const articleId = await receive('skipping');
    await processor.process(job(articleId));
    expect(logs.warn).toEqual([
      [{ articleId, problem: { kind: 'skipped', start: 0, end: 10, error: 'TypeError: x' } }, 'coder: skipped 0..10'],
      [
        { articleId, truncated: { from: 20, reason: 'more than 8000 sentences' } },
        'coder: text from 20 not coded (more than 8000 sentences)',
      ],
    ]);
  });

  it('marks the article failed with the reason once every attempt has failed', async () => {
    const broken: CoderRunner = {
      version: 'broken',
      code: async (): Promise<CodingResult> => {
        throw new Error('coder crashed on this text');
      },
      close: async () => undefined,
    };
    const processor = new CodingProcessor(store, queues, broken, loadConfig({}));
    processor.onModuleInit();
    const articleId = await receive('failing');
    await queues
      .queue<CodingJob>(CODING_QUEUE)
      .add(
        'code',
        { articleId, cause: { kind: 'received' } },
        { jobId: `article-${articleId}`, attempts: 2, backoff: { type: 'fixed', delay: 10 } },
      );
    const failed = await waitFor(articleId, 'ArticleCodingFailed', 15_000);
    expect(failed.data).toEqual({ articleId, reason: 'coder crashed on this text', attempts: 2 });
    await processor.onModuleDestroy();
  });
});

describe('coding time limit (worker threads, PostgreSQL, BullMQ on Redis)', () => {
  let testDb: TestDatabase;
  let store: EventStore;
  let queues: QueueConnection;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    store = new EventStore(testDb.db);
    queues = new QueueConnection({
      redisUrl: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      databaseUrl: testDb.url,
      namespace: `coding-limit-${randomBytes(4).toString('hex')}`,
    });
  });
  afterAll(async () => {
    await queues.close();
    await testDb.drop();
  });

  it('abandons an article coding for longer than CODING_TIMEOUT_MS, marks it failed, and codes the next', async () => {
    const config = loadConfig({ CODING_TIMEOUT_MS: '1000', CODING_CONCURRENCY: '1' });
    const runner = createCoderRunner({ timeoutMs: config.CODING_TIMEOUT_MS, threadUrl: THREAD, maxThreads: 1 });
    const processor = new CodingProcessor(store, queues, runner, config);
    processor.onModuleInit();
    try {
      // 1 MB of real news (the dev corpus over and over): seconds of coding, well past one
      const dev = new URL('../../../../../shared/corpus/dev/', import.meta.url);
      const news = readdirSync(dev)
        .filter((f) => f.endsWith('.txt'))
        .map((f) => readFileSync(new URL(f, dev), 'utf8'))
        .join('\n\n');
      const long = `A long one\n${news.repeat(Math.ceil(1_000_000 / news.length))}`.slice(0, 1_000_000);
      const ingest = async (n: string, body: string) =>
        (
          await ingestArticle(
            testDb.db,
            store,
            { url: `https://example.org/${n}`, title: n, publishedAt: '2021-05-12', body, outlet: 'Example' },
            { kind: 'webhook', webhookId: n },
            n,
          )
        ).articleId;
      const slow = await ingest('slow', long);
      const next = await ingest('next', `${TEXT} (next)`);
      const add = (articleId: string) =>
        queues
          .queue<CodingJob>(CODING_QUEUE)
          .add('code', { articleId, cause: { kind: 'received' } }, { jobId: `article-${articleId}`, attempts: 3 });
      await add(slow);
      await add(next);
      const stream = (id: string) => store.readStream(articleStreamId(id));
      const deadline = Date.now() + 60_000;
      while (
        !(await stream(slow)).some((e) => e.type === 'ArticleCodingFailed') ||
        !(await stream(next)).some((e) => e.type === 'ArticleCoded')
      ) {
        if (Date.now() > deadline)
          throw new Error(
            `not done: ${(await stream(slow)).map((e) => e.type).join(',')} / ${(await stream(next)).map((e) => e.type).join(',')}`,
          );
        await new Promise((r) => setTimeout(r, 100));
      }
      const failed = (await stream(slow)).find((e) => e.type === 'ArticleCodingFailed')!;
      // not retried: a second attempt would take as long again
      expect(failed.data).toEqual({ articleId: slow, reason: 'coding took longer than 1000 ms', attempts: 1 });
      expect((await stream(next)).map((e) => e.type)).toContain('TalksStarted');
    } finally {
      await processor.onModuleDestroy();
    }
  }, 90_000);
});
