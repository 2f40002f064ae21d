import 'reflect-metadata';
import '../auth/decorators.js'; // the request.admin type
import { Global, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { type TestDatabase, createTestDatabase } from '#db/testing/test-database';
import { EventStore } from '#event-store';
import { feedStreamId } from '#feeds';
import { DATABASE, ErrorFilter } from '#platform';
import { FeedsApiModule } from './feeds.module.js';

describe('feeds API over HTTP (Fastify, PostgreSQL)', () => {
  let testDb: TestDatabase;
  let store: EventStore;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    store = new EventStore(testDb.db);
    // Only the feeds API, on the real test database: DATABASE and the EventStore are what it needs from the platform.
    @Global()
    @Module({
      imports: [CqrsModule.forRoot()],
      providers: [
        { provide: DATABASE, useValue: { db: testDb.db } },
        { provide: EventStore, useValue: store },
      ],
      exports: [DATABASE, EventStore, CqrsModule],
    })
    class TestPlatformModule {}
    const moduleRef = await Test.createTestingModule({ imports: [TestPlatformModule, FeedsApiModule] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    app.useGlobalFilters(new ErrorFilter());
    // Stands in for AdminGuard (covered by test/admin-auth.e2e-spec.ts): the admin a request acts as.
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onRequest', async (request) => {
        const email = request.headers['x-test-admin'];
        if (typeof email === 'string') request.admin = { userId: 'u', email, sessionId: 's', csrfToken: 'c' };
      });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await app?.close();
    await testDb.drop();
  });

  const post = (payload: unknown, headers: Record<string, string> = { 'x-test-admin': 'ana@desk' }) =>
    app.inject({ method: 'POST', url: '/api/feeds', payload: payload as object, headers });

  it('registers a feed (201), records FeedRegistered with the actor, and serves it', async () => {
    const created = await post(
      { url: 'https://news.example.org/rss.xml', outlet: 'Example News' },
      { 'x-test-admin': 'ana@desk' },
    );
    expect(created.statusCode).toBe(201);
    const feed = created.json();
    expect(feed).toMatchObject({
      url: 'https://news.example.org/rss.xml',
      outlet: 'Example News',
      pollIntervalSeconds: 900,
      registeredBy: 'ana@desk',
      lastPolledAt: null,
      lastError: null,
    });
    expect(feed.items).toEqual({ seen: 0, ingested: 0, duplicate: 0, skippedNoLink: 0, invalid: 0 });

    const events = await store.readStream(feedStreamId(feed.id));
    expect(events.map((e) => e.type)).toEqual(['FeedRegistered']);
    expect(events[0]!.data).toEqual({
      feedId: feed.id,
      url: 'https://news.example.org/rss.xml',
      outlet: 'Example News',
      pollIntervalSeconds: 900,
      registeredBy: 'ana@desk',
    });
    expect(events[0]!.metadata.actor).toBe('ana@desk');

    expect((await app.inject({ method: 'GET', url: `/api/feeds/${feed.id}` })).json()).toEqual(feed);
    expect(
      (await app.inject({ method: 'GET', url: '/api/feeds' })).json().feeds.map((f: { id: string }) => f.id),
    ).toContain(feed.id);
  });

  it('answers 400 naming each bad field', async () => {
    const response = await post({ url: 'not a url', outlet: '', pollIntervalSeconds: 59 });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['outlet', 'pollIntervalSeconds', 'url']);
    expect(body.message).toContain('pollIntervalSeconds: must be at least 60');
    expect((await post([1, 2])).statusCode).toBe(400);
  });

  it('refuses a feed on an internal address (loopback, private, metadata), naming the url field', async () => {
    for (const url of [
      'http://127.0.0.1:8080/feed.xml',
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.7/rss',
      'http://[::1]/rss',
      'http://localhost/rss',
    ]) {
      const response = await post({ url, outlet: 'Inside' });
      expect(response.statusCode).toBe(400);
      expect(response.json().fields).toEqual([
        { field: 'url', message: expect.stringMatching(/internal address .*ALLOWED_INTERNAL_HOSTS/) },
      ]);
    }
  });

  it('answers 409 with the existing id when the URL is already registered', async () => {
    const first = (await post({ url: 'https://dup.example.org/feed', outlet: 'Dup', pollIntervalSeconds: 120 })).json();
    const again = await post({ url: 'https://dup.example.org/feed', outlet: 'Dup again' });
    expect(again.statusCode).toBe(409);
    expect(again.json().existingId).toBe(first.id);
  });

  it('removes a feed (204, FeedRemoved by the admin), then answers 404 for it and for ids that never were', async () => {
    const feed = (await post({ url: 'https://gone.example.org/atom.xml', outlet: 'Gone' })).json();
    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/feeds/${feed.id}`,
      headers: { 'x-test-admin': 'ben@desk' },
    });
    expect(removed.statusCode).toBe(204);
    const events = await store.readStream(feedStreamId(feed.id));
    expect(events.map((e) => [e.type, e.metadata.actor])).toEqual([
      ['FeedRegistered', 'ana@desk'],
      ['FeedRemoved', 'ben@desk'],
    ]);
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/feeds/${feed.id}`, headers: { 'x-test-admin': 'ana@desk' } }))
        .statusCode,
    ).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/feeds/${feed.id}` })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/feeds/not-a-uuid' })).statusCode).toBe(404);
  });
});
