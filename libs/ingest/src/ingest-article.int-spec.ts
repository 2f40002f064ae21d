import { type TestDatabase, createTestDatabase } from '#db/testing/test-database';
import { EventStore } from '#event-store';
import type { ArticlePayload } from './article-payload.js';
import { MIN_TEXT_FOR_DEDUP, WebhookIdReusedError, ingestArticle } from './ingest-article.js';

const LONG = 'Iraq and Iran held talks on border security in Baghdad on Monday, officials said. '.repeat(5);

describe('ingestArticle (PostgreSQL)', () => {
  let testDb: TestDatabase;
  let store: EventStore;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    store = new EventStore(testDb.db);
  });
  afterAll(() => testDb.drop());

  const payload = (url: string, body = LONG): ArticlePayload => ({
    url,
    title: 'Talks',
    publishedAt: '2021-05-12',
    body,
    outlet: 'Example',
  });
  const viaWebhook = (webhookId: string) => ({ kind: 'webhook' as const, webhookId });
  const received = async () =>
    (await testDb.db.selectFrom('events').select('stream_id').where('type', '=', 'ArticleReceived').execute()).length;

  it('stores an article once per webhook-id, per normalised URL and per long text', async () => {
    const first = await ingestArticle(
      testDb.db,
      store,
      payload('https://Example.org/a/?utm_source=x#top'),
      viaWebhook('w1'),
      'c1',
    );
    expect(first.duplicate).toBe(false);
    expect(
      await ingestArticle(testDb.db, store, payload('https://Example.org/a/?utm_source=x#top'), viaWebhook('w1'), 'c2'),
    ).toEqual({ articleId: first.articleId, duplicate: true });
    expect(await ingestArticle(testDb.db, store, payload('https://example.org/a'), viaWebhook('w2'), 'c3')).toEqual({
      articleId: first.articleId,
      duplicate: true,
    });
    expect(await ingestArticle(testDb.db, store, payload('https://mirror.org/copy'), viaWebhook('w3'), 'c4')).toEqual({
      articleId: first.articleId,
      duplicate: true,
    });
    expect(await received()).toBe(1);
  });

  it('does not take short look-alike texts (feed teasers) under different URLs as one article', async () => {
    const teaser = 'Read more…';
    expect(teaser.length).toBeLessThan(MIN_TEXT_FOR_DEDUP);
    const a = await ingestArticle(
      testDb.db,
      store,
      payload('https://feed.example.org/1', teaser),
      { kind: 'feed', feedId: 'f' },
      'c5',
    );
    const b = await ingestArticle(
      testDb.db,
      store,
      payload('https://feed.example.org/2', teaser),
      { kind: 'feed', feedId: 'f' },
      'c6',
    );
    expect(a.articleId).not.toBe(b.articleId);
    expect(b.duplicate).toBe(false);
  });

  it('stores one article when the same delivery races with itself', async () => {
    const before = await received();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ingestArticle(
          testDb.db,
          store,
          payload('https://race.example.org/x', `${LONG} race`),
          viaWebhook(`race-${i % 2}`),
          `r${i}`,
        ),
      ),
    );
    expect(new Set(results.map((r) => r.articleId)).size).toBe(1);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(await received()).toBe(before + 1);
  });

  it('turns an HTML body into text and keeps the text the offsets will refer to', async () => {
    const { articleId } = await ingestArticle(
      testDb.db,
      store,
      payload('https://html.example.org/x', `<article><p>In HTML: ${LONG}</p><script>alert(1)</script></article>`),
      viaWebhook('html'),
      'h',
    );
    const [event] = await store.readStream(`article-${articleId}`);
    expect(event!.data).toMatchObject({ bodyFormat: 'html', text: `In HTML: ${LONG.trim()}` });
  });

  it('refuses a webhook-id already used for a different article, storing nothing', async () => {
    const story = `${LONG} reused`;
    const first = await ingestArticle(
      testDb.db,
      store,
      payload('https://reuse.example.org/1', story),
      viaWebhook('w-reused'),
      'u1',
    );
    expect(first.duplicate).toBe(false);
    const before = await received();
    const other = ingestArticle(
      testDb.db,
      store,
      payload('https://reuse.example.org/2', `${LONG} another story`),
      viaWebhook('w-reused'),
      'u2',
    );
    await expect(other).rejects.toThrow(WebhookIdReusedError);
    await expect(other).rejects.toThrow(`already used for a different article (${first.articleId})`);
    // Same URL, another title: still a different body under that id.
    await expect(
      ingestArticle(
        testDb.db,
        store,
        { ...payload('https://reuse.example.org/1', story), title: 'Changed' },
        viaWebhook('w-reused'),
        'u3',
      ),
    ).rejects.toThrow(WebhookIdReusedError);
    expect(
      await ingestArticle(
        testDb.db,
        store,
        payload('https://reuse.example.org/1', story),
        viaWebhook('w-reused'),
        'u4',
      ),
    ).toEqual({ articleId: first.articleId, duplicate: true });
    expect(await received()).toBe(before);
  });

  it('refuses script-only HTML and text without a letter or digit', async () => {
    await expect(
      ingestArticle(
        testDb.db,
        store,
        payload('https://empty.example.org/1', '<div><script>var talks = 1;</script></div>'),
        viaWebhook('e1'),
        'e1',
      ),
    ).rejects.toThrow(/body: has no text/);
    await expect(
      ingestArticle(testDb.db, store, payload('https://empty.example.org/2', ' -- ... '), viaWebhook('e2'), 'e2'),
    ).rejects.toThrow(/body: has no text/);
  });
});
