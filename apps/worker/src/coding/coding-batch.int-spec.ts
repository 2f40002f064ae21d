import { randomBytes } from 'node:crypto';
import type { Job } from 'bullmq';
import { loadConfig } from '#config';
import { type CodedEventRecorded, articleStreamId } from '#domain';
import { type TestDatabase, createTestDatabase } from '#db/testing/test-database';
import { EventStore } from '#event-store';
import type { CoderInput, CodingResult } from '#extraction';
import { ingestArticle } from '#ingest';
import { QueueConnection } from '#queue';
import { type CoderRunner, createCoderRunner } from './coder-runner.js';
import { CODING_QUEUE, type CodingJob } from './coding-jobs.js';
import { CodingProcessor } from './coding.processor.js';

// Sentences written for these tests (not from the dev corpus): a meeting the coder finds.
const TEXT =
  'ANKARA — Turkey and Greece held talks on maritime borders in Ankara on Monday, officials from both sides said.';

describe('coding in batches (PostgreSQL, BullMQ on Redis)', () => {
  let testDb: TestDatabase;
  let store: EventStore;
  let queues: QueueConnection;
  let real: CoderRunner;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    store = new EventStore(testDb.db);
    queues = new QueueConnection({
      redisUrl: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      databaseUrl: testDb.url,
      namespace: `coding-batch-${randomBytes(4).toString('hex')}`,
    });
    real = createCoderRunner({ timeoutMs: 30_000 });
  });
  afterAll(async () => {
    await queues.close();
    await testDb.drop();
  });

  const receive = async (n: string, body = `${TEXT} (${n})`) =>
    (
      await ingestArticle(
        testDb.db,
        store,
        { url: `https://example.org/batch/${n}`, title: n, publishedAt: '2022-03-14', body, outlet: 'Example' },
        { kind: 'webhook', webhookId: `batch-${n}` },
        `batch-${n}`,
      )
    ).articleId;
  const job = (articleId: string, cause: CodingJob['cause'] = { kind: 'received' }) =>
    ({ data: { articleId, cause }, attemptsMade: 0, opts: {} }) as unknown as Job<CodingJob>;
  const types = async (articleId: string) => (await store.readStream(articleStreamId(articleId))).map((e) => e.type);
  /** The real coder, except that `hook` may act on (or replace) what it does for a text. */
  const coderWith = (hook: (input: CoderInput) => Promise<CodingResult | undefined>): CoderRunner => ({
    version: real.version,
    code: async (input) => (await hook(input)) ?? real.code(input),
    close: async () => undefined,
  });
  /** Counts the store's batch reads and appends (and which streams they name) while passing them through. */
  const spyOnStore = () => {
    const reads: string[][] = [];
    const appends: string[][] = [];
    const readStreams = store.readStreams.bind(store);
    const appendEach = store.appendEach.bind(store);
    const spied = Object.create(store) as EventStore;
    spied.readStreams = async (ids) => (reads.push([...ids]), readStreams(ids));
    spied.appendEach = async (batch) => (appends.push(batch.map((a) => a.streamId)), appendEach(batch));
    return { spied, reads, appends };
  };

  it('codes a batch of 10 with one poison article: one read, one append of 9, the poison failing alone', async () => {
    const ids = await Promise.all(Array.from({ length: 10 }, (_, n) => receive(`poison-${n}`)));
    const poison = coderWith(async (input) => {
      if (input.text.includes('(poison-4)')) throw new Error('coder crashed on this text');
      return undefined;
    });
    const { spied, reads, appends } = spyOnStore();
    const processor = new CodingProcessor(spied, queues, poison, loadConfig({ CODING_BATCH_SIZE: '10' }));
    const outcomes = await processor.processBatch(ids.map((id) => job(id)));
    expect(outcomes.map((o) => o.status)).toEqual(ids.map((_, n) => (n === 4 ? 'rejected' : 'fulfilled')));
    expect((outcomes[4] as PromiseRejectedResult).reason).toEqual(new Error('coder crashed on this text'));
    expect(reads).toEqual([ids.map(articleStreamId)]);
    expect(appends).toEqual([ids.filter((_, n) => n !== 4).map(articleStreamId)]);
    for (const [n, id] of ids.entries()) {
      expect((await types(id)).includes('ArticleCoded')).toBe(n !== 4);
    }
  });

  it('through the queue, the poison article of a batch is marked failed with its reason and the other 9 are coded', async () => {
    const ids = await Promise.all(Array.from({ length: 10 }, (_, n) => receive(`queued-${n}`)));
    const poison = coderWith(async (input) => {
      if (input.text.includes('(queued-7)')) throw new Error('coder crashed on this text');
      return undefined;
    });
    const processor = new CodingProcessor(store, queues, poison, loadConfig({ CODING_BATCH_SIZE: '10' }));
    processor.onModuleInit();
    await queues.queue<CodingJob>(CODING_QUEUE).addBulk(
      ids.map((articleId) => ({
        name: 'code',
        data: { articleId, cause: { kind: 'received' as const } },
        opts: { jobId: `article-${articleId}`, attempts: 2, backoff: { type: 'fixed', delay: 10 } },
      })),
    );
    const deadline = Date.now() + 20_000;
    const settled = async () =>
      (await Promise.all(ids.map(types))).every((t) => t.includes('ArticleCoded') || t.includes('ArticleCodingFailed'));
    while (!(await settled())) {
      if (Date.now() > deadline) throw new Error(`not settled: ${JSON.stringify(await Promise.all(ids.map(types)))}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    // the failure is recorded after the worker's 'failed' event: give it its moment
    while (!(await types(ids[7]!)).includes('ArticleCodingFailed')) await new Promise((r) => setTimeout(r, 50));
    for (const [n, id] of ids.entries()) {
      const stream = await store.readStream(articleStreamId(id));
      if (n === 7) {
        expect(stream.map((e) => e.type)).toEqual(['ArticleReceived', 'ArticleCodingFailed']);
        expect(stream[1]!.data).toEqual({ articleId: id, reason: 'coder crashed on this text', attempts: 2 });
      } else {
        expect(stream.filter((e) => e.type === 'ArticleCoded')).toHaveLength(1);
      }
    }
    await processor.onModuleDestroy();
  });

  it('an article whose events PostgreSQL refuses fails alone: the batch is stored one article at a time', async () => {
    const ids = await Promise.all(Array.from({ length: 4 }, (_, n) => receive(`refused-${n}`)));
    // A NUL in a language code: jsonb refuses \u0000, so the batch's one statement fails.
    const refused = coderWith(async (input) =>
      input.text.includes('(refused-2)') ? { language: 'en\u0000', events: [], problems: [] } : undefined,
    );
    const processor = new CodingProcessor(store, queues, refused, loadConfig({}));
    const outcomes = await processor.processBatch(ids.map((id) => job(id)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(String((outcomes[2] as PromiseRejectedResult).reason)).toMatch(
      /unsupported Unicode escape sequence|\\u0000/,
    );
    expect(await types(ids[2]!)).toEqual(['ArticleReceived']);
    for (const n of [0, 1, 3]) expect(await types(ids[n]!)).toContain('ArticleCoded');
  });

  it('a slow article does not hold its batch back: the others are stored without it, it after, on its own', async () => {
    const ids = await Promise.all(Array.from({ length: 3 }, (_, n) => receive(`straggler-${n}`)));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const slow = coderWith(async (input) => {
      if (input.text.includes('(straggler-1)')) await released;
      return undefined;
    });
    const { spied, appends } = spyOnStore();
    const processor = new CodingProcessor(spied, queues, slow, loadConfig({}));
    processor.stragglerMs = 50;
    const batch = processor.processBatch(ids.map((id) => job(id)));
    const deadline = Date.now() + 10_000;
    while (!(await types(ids[2]!)).includes('ArticleCoded')) {
      if (Date.now() > deadline) throw new Error('the batch waited for its slow article');
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await types(ids[0]!)).toContain('ArticleCoded');
    expect(await types(ids[1]!)).toEqual(['ArticleReceived']);
    release();
    expect((await batch).map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(appends).toEqual([[ids[0], ids[2]].map((id) => articleStreamId(id!)), [articleStreamId(ids[1]!)]]);
    expect(await types(ids[1]!)).toContain('ArticleCoded');
  });

  it('the same article twice in one batch (its coding and a re-code request) is coded, then re-coded after it', async () => {
    const [twice, other] = await Promise.all([receive('twice'), receive('twice-other')]);
    const stream = articleStreamId(twice!);
    await store.append(
      stream,
      [{ type: 'ArticleRecodeRequested', data: { articleId: twice, requestedBy: 'ana@example.org' } }],
      {
        expectedVersion: await store.streamVersion(stream),
      },
    );
    const { spied, reads } = spyOnStore();
    const processor = new CodingProcessor(spied, queues, real, loadConfig({}));
    const outcomes = await processor.processBatch([
      job(twice!),
      job(other!),
      job(twice!, { kind: 'recode', requestEventId: 'r-twice' }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(reads).toEqual([[stream, articleStreamId(other!)], [stream]]);
    // The first coding took the re-code request with it; the repeat, decided on the stored stream, adds nothing.
    expect((outcomes[2] as PromiseFulfilledResult<{ appended: number }>).value).toEqual({ appended: 0 });
    expect((await types(twice!)).filter((t) => t === 'ArticleCoded')).toHaveLength(1);
  });

  it('a correction landing on one article while its batch is re-coded: only that article is read again and re-decided', async () => {
    const ids = await Promise.all(Array.from({ length: 3 }, (_, n) => receive(`corrected-${n}`)));
    const plain = new CodingProcessor(store, queues, real, loadConfig({}));
    await plain.processBatch(ids.map((id) => job(id)));
    for (const id of ids) {
      const stream = articleStreamId(id);
      await store.append(
        stream,
        [{ type: 'ArticleRecodeRequested', data: { articleId: id, requestedBy: 'ana@example.org' } }],
        {
          expectedVersion: await store.streamVersion(stream),
        },
      );
    }
    const target = ids[1]!;
    const coded = (await store.readStream(articleStreamId(target))).find((e) => e.type === 'ArticleCoded')!;
    const retractedId = (coded.data as { eventIds: string[] }).eventIds[0]!;
    expect(retractedId).toBeDefined();
    // An analyst retracts one of the target's events while the coder works on it.
    let retracted = false;
    const racing = coderWith(async (input) => {
      if (input.text.includes('(corrected-1)') && !retracted) {
        retracted = true;
        await store.append(
          articleStreamId(target),
          [
            {
              type: 'EventRetracted',
              data: { eventId: retractedId, articleId: target, reason: 'not a meeting', by: 'ana@example.org' },
            },
          ],
          { expectedVersion: 'any' },
        );
      }
      return undefined;
    });
    const { spied, reads, appends } = spyOnStore();
    const processor = new CodingProcessor(spied, queues, racing, loadConfig({}));
    const outcomes = await processor.processBatch(
      ids.map((id) => job(id, { kind: 'recode', requestEventId: `r-${id}` })),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(reads).toEqual([ids.map(articleStreamId), [articleStreamId(target)]]);
    expect(appends).toEqual([ids.map(articleStreamId), [articleStreamId(target)]]);
    const after = await store.readStream(articleStreamId(target));
    const recoded = after.filter((e) => e.type === 'ArticleCoded');
    expect(recoded).toHaveLength(2);
    // Decided on the stream with the retraction: the retracted event is neither re-added nor retracted twice.
    expect(after.at(-1)!.type).toBe('ArticleCoded');
    expect(recoded[1]!.data).toMatchObject({ recode: { added: [], retracted: [], requestedBy: 'ana@example.org' } });
    expect((recoded[1]!.data as { recode: { unchanged: string[] } }).recode.unchanged).not.toContain(retractedId);
    expect(
      after.filter((e) => e.type === 'EventRetracted' && (e.data as CodedEventRecorded).eventId === retractedId),
    ).toHaveLength(1);
    for (const other of [ids[0]!, ids[2]!]) {
      expect((await types(other)).filter((t) => t === 'ArticleCoded')).toHaveLength(2);
    }
  });
});
