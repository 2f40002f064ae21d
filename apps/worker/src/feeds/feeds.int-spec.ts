import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Job } from 'bullmq';
import { type TestDatabase, createTestDatabase } from '#db/testing/test-database';
import { EventStore } from '#event-store';
import {
  type PollResult,
  getFeed,
  listFeedSchedules,
  pollFeed,
  registerFeed,
  removeFeed,
  syncFeedSchedules,
} from '#feeds';
import { ingestArticle } from '#ingest';
import { threeItemRss } from '#feeds/testing/sample-feeds';
import { type FeedPollJob, FEEDS_QUEUE, QueueConnection } from '#queue';
import { FeedPollFailed, FeedPollProcessor } from './feed-poll.processor.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
// The publisher below listens on loopback, which feed fetches refuse unless the allowlist names it.
process.env.ALLOWED_INTERNAL_HOSTS = '127.0.0.1';

/** A feed with one good story, then every kind of poisoned item, then another good story. */
function poisonedRss(base: string): string {
  const good = (n: number) =>
    `<item><title>Good ${n}</title><link>${base}/good-${n}</link><pubDate>Tue, 24 Nov 2026 0${n}:00:00 GMT</pubDate>` +
    `<description>Good story ${n}: the foreign ministers met on Monday to discuss the border.</description></item>`;
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Poisoned</title><link>${base}</link>
    ${good(1)}
    <item><title>Year zero</title><link>${base}/year-zero</link><pubDate>0000-01-01T00:00:00Z</pubDate><description>Dated in year 0.</description></item>
    <item><title>Bad link</title><link>javascript:alert(1)</link><description>Not a page.</description></item>
    <item><title>Huge</title><link>${base}/huge</link><description>${'word '.repeat(220_000)}</description></item>
    <item>just text, not an element</item>
    ${good(2)}
  </channel></rss>`;
}

/** A publisher on loopback: /plain always answers 200, /etag answers 304 to a matching If-None-Match, /broken answers 500. */
function startPublisher(): Promise<{ server: Server; base: string; hits: Record<string, number> }> {
  const hits: Record<string, number> = {};
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    hits[path] = (hits[path] ?? 0) + 1;
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (path === '/plain.xml') {
      response
        .writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' })
        .end(threeItemRss(`${base}/plain`));
    } else if (path === '/etag.xml') {
      if (request.headers['if-none-match'] === '"v1"') response.writeHead(304).end();
      else
        response
          .writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' })
          .end(threeItemRss(`${base}/etag`, 'etag'));
    } else if (path === '/poisoned.xml') {
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(poisonedRss(base));
    } else if (path === '/moved-inside.xml') {
      response
        .writeHead(302, { location: `http://localhost:${(server.address() as AddressInfo).port}/inside-only.xml` })
        .end();
    } else if (path === '/broken.xml') {
      response.writeHead(500, { 'content-type': 'text/plain' }).end('upstream exploded');
    } else {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits }),
    ),
  );
}

describe('feed polling (PostgreSQL, BullMQ on Redis, a local publisher)', () => {
  let testDb: TestDatabase;
  let store: EventStore;
  let queues: QueueConnection;
  let publisher: Awaited<ReturnType<typeof startPublisher>>;
  let processor: FeedPollProcessor;

  const job = (feedId: string) =>
    ({ id: `test-${randomBytes(3).toString('hex')}`, data: { feedId } }) as Job<FeedPollJob>;
  const register = (path: string, outlet = 'Local Wire') =>
    registerFeed(
      testDb.db,
      store,
      { url: `${publisher.base}${path}`, outlet, pollIntervalSeconds: 60 },
      'test',
      'test',
    );
  const articleEventsOf = async (feedId: string) => {
    const rows = await testDb.db.selectFrom('events').select(['data']).where('type', '=', 'ArticleReceived').execute();
    return rows.filter((row) => (row.data as { via: { feedId?: string } }).via.feedId === feedId);
  };

  beforeAll(async () => {
    // The processor logs each poll; the expected failures here would only be noise.
    Logger.overrideLogger(false);
    testDb = await createTestDatabase();
    store = new EventStore(testDb.db);
    queues = new QueueConnection({
      redisUrl: REDIS_URL,
      databaseUrl: testDb.url,
      namespace: `test-feeds-${randomBytes(4).toString('hex')}`,
    });
    publisher = await startPublisher();
    processor = new FeedPollProcessor({ db: testDb.db } as never, store, queues);
  });
  afterAll(async () => {
    await queues?.close();
    // fetch keeps connections alive; close them so the server (and Jest) can stop.
    publisher?.server.closeAllConnections();
    await new Promise((resolve) => publisher?.server.close(resolve));
    await testDb?.drop();
  });

  it('ingests 3 items on the first poll and 0 on the second: the same URLs come back as duplicates', async () => {
    const feed = await register('/plain.xml');
    const first = await processor.process(job(feed.id));
    expect(first).toEqual({
      feedId: feed.id,
      status: 'ok',
      counts: { seen: 3, ingested: 3, duplicate: 0, skippedNoLink: 0, invalid: 0 },
    });
    const second = await processor.process(job(feed.id));
    expect(second).toEqual({
      feedId: feed.id,
      status: 'ok',
      counts: { seen: 3, ingested: 0, duplicate: 3, skippedNoLink: 0, invalid: 0 },
    });

    const events = await articleEventsOf(feed.id);
    expect(events).toHaveLength(3);
    expect(events.map((e) => (e.data as { outlet: string }).outlet)).toEqual([
      'Local Wire',
      'Local Wire',
      'Local Wire',
    ]);
    expect((events[0]!.data as { text: string }).text).toMatch(/^Story \d \(wire\): the foreign ministers/);

    const view = await getFeed(testDb.db, feed.id);
    expect(view).toMatchObject({
      lastError: null,
      items: { seen: 6, ingested: 3, duplicate: 3, skippedNoLink: 0, invalid: 0 },
      lastPoll: { seen: 3, ingested: 0, duplicate: 3 },
    });
    expect(view!.lastPolledAt).not.toBeNull();
  });

  it('sends the ETag back and counts a 304 as a successful poll with nothing new', async () => {
    const feed = await register('/etag.xml');
    expect((await processor.process(job(feed.id))) as PollResult).toMatchObject({
      status: 'ok',
      counts: { ingested: 3 },
    });
    expect(await processor.process(job(feed.id))).toMatchObject({
      status: 'not-modified',
      counts: { seen: 0, ingested: 0 },
    });
    expect(await articleEventsOf(feed.id)).toHaveLength(3);
    expect(publisher.hits['/etag.xml']).toBe(2);
  });

  it('records last_error for a feed that answers 500, without affecting the other feeds', async () => {
    const broken = await register('/broken.xml');
    await expect(processor.process(job(broken.id))).rejects.toBeInstanceOf(FeedPollFailed);
    const view = await getFeed(testDb.db, broken.id);
    expect(view!.lastError).toMatch(/^HTTP 500/);
    expect(view!.lastErrorAt).not.toBeNull();
    expect(view!.lastSuccessAt).toBeNull();

    const healthy = await getFeed(testDb.db, (await listFeedSchedules(testDb.db)).find((f) => f.id !== broken.id)!.id);
    expect(healthy!.lastError).toBeNull();
  });

  it('skips and records each poisoned item (bad date, bad link, oversized, unreadable) and goes on with the later ones, on every poll', async () => {
    const feed = await register('/poisoned.xml', 'Poisoned Wire');
    const first = await processor.process(job(feed.id));
    expect(first).toMatchObject({ status: 'ok', counts: { seen: 6, ingested: 2, invalid: 4 } });
    const second = await processor.process(job(feed.id));
    expect(second).toMatchObject({ status: 'ok', counts: { seen: 6, ingested: 0, duplicate: 2, invalid: 4 } });

    const urls = (await articleEventsOf(feed.id)).map((e) => (e.data as { url: string }).url).sort();
    expect(urls).toEqual([`${publisher.base}/good-1`, `${publisher.base}/good-2`]);
    const view = await getFeed(testDb.db, feed.id);
    expect(view!.lastError).toBeNull();
    const errors = Object.fromEntries(view!.itemErrors.map((e) => [e.item, e]));
    expect(Object.keys(errors).sort()).toEqual(
      [`${publisher.base}/huge`, `${publisher.base}/year-zero`, 'entry 5', 'javascript:alert(1)'].sort(),
    );
    expect(errors[`${publisher.base}/year-zero`]).toMatchObject({
      polls: 2,
      error: expect.stringMatching(/publishedAt: /),
    });
    expect(errors['javascript:alert(1)']!.error).toMatch(/url: must be an http\(s\) URL/);
    expect(errors[`${publisher.base}/huge`]!.error).toMatch(/body: must be at most/);
    expect(errors['entry 5']!.error).toMatch(/unreadable/);
  });

  it('skips an item whose storage fails for a reason of its own, but fails the poll when the database is away', async () => {
    const feed = await register('/plain.xml?storage', 'Storage');
    // Stands in for a row PostgreSQL refuses (a data error): the item is this poll's problem, not the feed's.
    const refusing: typeof ingestArticle = async (db, eventStore, payload, via, correlationId) => {
      if (payload.url.endsWith('/story-2'))
        throw Object.assign(new Error('value too long for type character varying(2000)'), { code: '22001' });
      return ingestArticle(db, eventStore, { ...payload, url: `${payload.url}?storage` }, via, correlationId);
    };
    const result = await pollFeed({ db: testDb.db, store, ingest: refusing }, feed.id, 'test');
    expect(result).toMatchObject({ status: 'ok', counts: { seen: 3, ingested: 2, invalid: 1 } });
    expect((await getFeed(testDb.db, feed.id))!.itemErrors).toEqual([
      {
        item: `${publisher.base}/plain/story-2`,
        error: 'value too long for type character varying(2000)',
        at: expect.any(String),
        polls: 1,
      },
    ]);

    const away: typeof ingestArticle = async () => {
      throw Object.assign(new Error('Connection terminated unexpectedly'), { code: undefined });
    };
    const failed = await pollFeed({ db: testDb.db, store, ingest: away }, feed.id, 'test');
    expect(failed).toMatchObject({ status: 'failed', error: 'Connection terminated unexpectedly' });
  });

  it('refuses a redirect to an internal address the allowlist does not name', async () => {
    const feed = await register('/moved-inside.xml', 'Moved');
    await expect(processor.process(job(feed.id))).rejects.toBeInstanceOf(FeedPollFailed);
    expect((await getFeed(testDb.db, feed.id))!.lastError).toMatch(
      /^refused: localhost resolves to 127\.0\.0\.1, an internal address \(loopback\)/,
    );
    expect(publisher.hits['/moved-inside.xml']).toBe(1);
    expect(publisher.hits['/inside-only.xml']).toBeUndefined();
  });

  it('does nothing for a job whose feed was removed meanwhile', async () => {
    const feed = await register('/plain.xml?gone', 'Gone');
    await removeFeed(testDb.db, store, feed.id, 'test', 'test');
    expect(await processor.process(job(feed.id))).toEqual({ feedId: feed.id, status: 'gone' });
  });

  it('keeps one job scheduler per feed on the real queue, and the worker polls through it', async () => {
    const queue = queues.queue<FeedPollJob>(FEEDS_QUEUE);
    const first = await syncFeedSchedules(queue, () => listFeedSchedules(testDb.db));
    const feeds = await listFeedSchedules(testDb.db);
    expect(first).toEqual({ added: feeds.length, updated: 0, removed: 0 });
    const schedulers = await queue.getJobSchedulers(0, -1, true);
    expect(schedulers.map((s) => s.key).sort()).toEqual(feeds.map((f) => f.id).sort());
    expect(schedulers.every((s) => s.every === 60_000)).toBe(true);

    // A second sync changes nothing; a removed feed loses its scheduler.
    expect(await syncFeedSchedules(queue, () => listFeedSchedules(testDb.db))).toEqual({
      added: 0,
      updated: 0,
      removed: 0,
    });
    await removeFeed(testDb.db, store, feeds[0]!.id, 'test', 'test');
    expect(await syncFeedSchedules(queue, () => listFeedSchedules(testDb.db))).toEqual({
      added: 0,
      updated: 0,
      removed: 1,
    });

    // The scheduler's first job is due at once: a running worker polls the new feed.
    const fresh = await registerFeed(
      testDb.db,
      store,
      { url: `${publisher.base}/plain.xml?fresh`, outlet: 'Fresh', pollIntervalSeconds: 60 },
      'test',
      'test',
    );
    const completed = new Promise<PollResult>((resolve) => {
      const worker = queues.worker<FeedPollJob, PollResult>(FEEDS_QUEUE, (j) => processor.process(j));
      worker.on('completed', (j, result) => {
        if (j.data.feedId === fresh.id) resolve(result);
      });
    });
    await syncFeedSchedules(queue, () => listFeedSchedules(testDb.db));
    let timer: NodeJS.Timeout | undefined;
    const result = await Promise.race([
      completed,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('no poll within 15 s')), 15_000))),
    ]).finally(() => clearTimeout(timer));
    // Same article URLs as /plain.xml (the query string only changes the feed URL): all duplicates.
    expect(result).toMatchObject({ feedId: fresh.id, status: 'ok', counts: { seen: 3, duplicate: 3 } });
  });
});
