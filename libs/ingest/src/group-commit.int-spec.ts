import { type TestDatabase, createTestDatabase } from '#db/testing/test-database';
import { EventStore } from '#event-store';
import type { ArticlePayload } from './article-payload.js';
import { ArticleGroupCommit } from './group-commit.js';
import { WebhookIdReusedError, ingestArticle, prepareArticle } from './ingest-article.js';
import { storeArticles } from './store-articles.js';

const text = (n: number | string) =>
  `Iraq and Iran held talks on border security in Baghdad on Monday, officials said (report ${n}). `.repeat(4);

describe('ArticleGroupCommit (PostgreSQL)', () => {
  let testDb: TestDatabase;
  let store: EventStore;
  let groupCommit: ArticleGroupCommit;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    store = new EventStore(testDb.db);
    groupCommit = new ArticleGroupCommit(testDb.db, store);
  });
  afterAll(() => testDb.drop());

  const payload = (n: number | string, overrides: Partial<ArticlePayload> = {}): ArticlePayload => ({
    url: `https://example.org/${n}`,
    title: `Talks ${n}`,
    publishedAt: '2021-05-12',
    body: text(n),
    outlet: 'Example',
    ...overrides,
  });
  const submit = (n: number | string, webhookId = `w-${n}`, overrides: Partial<ArticlePayload> = {}) =>
    groupCommit.submit(prepareArticle(payload(n, overrides), { kind: 'webhook', webhookId }, webhookId));
  const receivedIn = async (articleIds: string[]) =>
    testDb.db
      .selectFrom('events')
      .select(['stream_id', 'transaction_id'])
      .where('type', '=', 'ArticleReceived')
      .where(
        'stream_id',
        'in',
        articleIds.map((id) => `article-${id}`),
      )
      .execute();

  it('stores 60 concurrent deliveries each once, several in one transaction', async () => {
    const results = await Promise.all(Array.from({ length: 60 }, (_, n) => submit(n)));
    expect(results.every((r) => !r.duplicate)).toBe(true);
    expect(new Set(results.map((r) => r.articleId)).size).toBe(60);
    const rows = await receivedIn(results.map((r) => r.articleId));
    expect(rows).toHaveLength(60);
    // Grouped: fewer transactions than articles (the first goes alone, the rest wait for it and go together).
    expect(new Set(rows.map((r) => r.transaction_id)).size).toBeLessThan(10);
  });

  it('answers duplicates within a group and already stored articles with their article id, storing the others', async () => {
    const stored = await ingestArticle(
      testDb.db,
      store,
      payload('old'),
      { kind: 'webhook', webhookId: 'w-old' },
      'w-old',
    );
    const results = await Promise.all([
      submit('new-1'),
      submit('old', 'w-old-again'),
      submit('new-2'),
      submit('new-2', 'w-new-2-again'),
      submit('new-3'),
    ]);
    expect(results[1]).toEqual({ articleId: stored.articleId, duplicate: true });
    // The same URL twice: one of the two stores it (whichever commits first), the other hears it is a duplicate.
    expect(results[3]!.articleId).toBe(results[2]!.articleId);
    expect([results[2]!.duplicate, results[3]!.duplicate].sort()).toEqual([false, true]);
    expect([results[0], results[4]].map((r) => r!.duplicate)).toEqual([false, false]);
    expect(
      await receivedIn([stored.articleId, results[0]!.articleId, results[2]!.articleId, results[4]!.articleId]),
    ).toHaveLength(4);
  });

  it('fails only the delivery PostgreSQL refuses; the rest of its group is stored', async () => {
    // A NUL character cannot be stored in jsonb: that article's append fails, and with it its group's first try.
    const results = await Promise.allSettled([
      submit('fine-1'),
      submit('nul', 'w-nul', { title: 'bad \u0000 title' }),
      submit('fine-2'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const ok = results
      .filter((r): r is PromiseFulfilledResult<{ articleId: string; duplicate: boolean }> => r.status === 'fulfilled')
      .map((r) => r.value.articleId);
    expect(await receivedIn(ok)).toHaveLength(2);
    const keys = await testDb.db.selectFrom('article_keys').select('key').where('key', '=', 'webhook:w-nul').execute();
    expect(keys).toEqual([]); // nothing half-written for the refused one
  });

  it('answers a webhook-id reused with another body with WebhookIdReusedError, a retried one with its article, in a group', async () => {
    const first = await submit('reuse-1', 'w-reuse');
    const results = await Promise.allSettled([
      submit('reuse-2'),
      submit('reuse-other', 'w-reuse'),
      submit('reuse-1', 'w-reuse'),
      submit('reuse-3'),
    ]);
    expect(results[1]).toMatchObject({ status: 'rejected', reason: expect.any(WebhookIdReusedError) });
    expect(results[2]).toEqual({ status: 'fulfilled', value: { articleId: first.articleId, duplicate: true } });
    expect(results.filter((r) => r.status === 'fulfilled' && !r.value.duplicate)).toHaveLength(2);
    // The refused delivery kept none of its keys: its URL can still be sent under a new webhook-id.
    const keys = await testDb.db
      .selectFrom('article_keys')
      .select('key')
      .where('key', '=', 'url:https://example.org/reuse-other')
      .execute();
    expect(keys).toEqual([]);
    expect(await submit('reuse-other', 'w-reuse-new')).toMatchObject({ duplicate: false });
  });

  it('stores a group in one transaction, giving back the keys a duplicate got before its taken one', async () => {
    await ingestArticle(
      testDb.db,
      store,
      payload('taken-text'),
      { kind: 'webhook', webhookId: 'w-taken-text' },
      'w-taken-text',
    );
    const prepared = (n: string, webhookId: string, body = text(n)) =>
      prepareArticle(payload(n, { body }), { kind: 'webhook', webhookId }, webhookId);
    // Same text as a stored article under a new URL: its url key is inserted first, then its text key conflicts.
    const group = [
      prepared('one-a', 'w-one-a'),
      prepared('same-text', 'w-same-text', text('taken-text')),
      prepared('one-b', 'w-one-b'),
      prepared('one-a', 'w-one-a'),
    ];
    expect(await storeArticles(testDb.db, store, group)).toEqual([true, false, true, false]);
    const rows = await receivedIn([group[0]!.articleId, group[2]!.articleId]);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.transaction_id).toBe(rows[1]!.transaction_id);
    const left = await testDb.db
      .selectFrom('article_keys')
      .select('key')
      .where('article_id', '=', group[1]!.articleId)
      .execute();
    expect(left).toEqual([]);
  });

  it('keeps each article once when two groups in flight carry the same deliveries', async () => {
    const twice = Array.from({ length: 20 }, (_, n) => [
      submit(`twice-${n}`),
      submit(`twice-${n}`, `w-twice-${n}-retry`),
    ]).flat();
    const results = await Promise.all(twice);
    for (let n = 0; n < 20; n += 1) {
      const [a, b] = [results[2 * n]!, results[2 * n + 1]!];
      expect(b.articleId).toBe(a.articleId);
      expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
    }
    expect(await receivedIn(results.map((r) => r.articleId))).toHaveLength(20);
  });
});
