import 'reflect-metadata';
import '../auth/decorators.js'; // the request.admin type
import { Global, Module } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { CqrsModule } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import { type TestDatabase, createTestDatabase } from '#db/testing/test-database';
import { EventStore } from '#event-store';
import { DATABASE, ErrorFilter } from '#platform';
import { READ_MODEL_PROJECTIONS } from '#read-models';
import { INCIDENT_CORRECTIONS_STREAM } from '#domain';
import { ArticleStreams, IRAN, IRAQ, article, catchUp, coded } from '#read-models/testing/article-streams';
import { ReadApiModule } from '../read-api/read-api.module.js';
import { IncidentCorrectionsModule } from './incident-corrections.module.js';

describe('incident merges and splits over HTTP (Fastify, PostgreSQL)', () => {
  let testDb: TestDatabase;
  let store: EventStore;
  let app: NestFastifyApplication;
  const sync = () => catchUp(testDb.db, READ_MODEL_PROJECTIONS);

  beforeAll(async () => {
    testDb = await createTestDatabase();
    store = new EventStore(testDb.db);
    const streams = new ArticleStreams(testDb.db);
    for (const [id, day] of [
      ['a1', '2021-06-03'],
      ['a2', '2021-06-20'],
      ['a3', '2021-06-20'],
    ] as const) {
      await streams.receive(article(id, { outlet: `Outlet ${id}` }));
      await streams.code(id, [coded(id, `e-${id}`, 'VisitMade', [IRAQ], [IRAN], { start: day, end: day })]);
    }
    await sync();

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
    const moduleRef = await Test.createTestingModule({
      imports: [TestPlatformModule, ReadApiModule, IncidentCorrectionsModule],
    }).compile();
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

  const post = (url: string, payload: unknown, headers: Record<string, string> = { 'x-test-admin': 'ana@desk' }) =>
    app.inject({ method: 'POST', url, payload: payload as object, headers });
  const get = (url: string) => app.inject({ method: 'GET', url });

  it('answers 400 naming each bad field, 404 for an unknown incident, 401 without an admin', async () => {
    const few = await post('/api/incidents/merge', { incidentIds: ['inc-e-a1'], into: 'inc-e-a2' });
    expect(few.statusCode).toBe(400);
    expect(
      few
        .json()
        .fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['incidentIds', 'reason']);
    const notAmong = await post('/api/incidents/merge', {
      incidentIds: ['inc-e-a1', 'inc-e-a2'],
      into: 'inc-e-a3',
      reason: 'same visit',
    });
    expect(notAmong.statusCode).toBe(400);
    expect(notAmong.json().message).toBe('into: must be one of incidentIds');
    expect(
      (await post('/api/incidents/inc-e-a1/split', { eventIds: [], reason: 'two visits' }))
        .json()
        .fields.map((f: { field: string }) => f.field),
    ).toEqual(['eventIds']);

    const unknown = await post('/api/incidents/merge', {
      incidentIds: ['inc-e-a1', 'inc-nope'],
      into: 'inc-e-a1',
      reason: 'same visit',
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toBe('no incident inc-nope');
    expect((await post('/api/incidents/inc-nope/split', { eventIds: ['e-a1'], reason: 'two visits' })).statusCode).toBe(
      404,
    );
    expect(
      (
        await post(
          '/api/incidents/merge',
          { incidentIds: ['inc-e-a1', 'inc-e-a2'], into: 'inc-e-a1', reason: 'same visit' },
          {},
        )
      ).statusCode,
    ).toBe(401);
    expect(await store.readStream(INCIDENT_CORRECTIONS_STREAM)).toEqual([]);
  });

  it('merges (202, IncidentsMerged with who and why); the read model follows and GET shows the history', async () => {
    const merged = await post('/api/incidents/merge', {
      incidentIds: ['inc-e-a1', 'inc-e-a2'],
      into: 'inc-e-a1',
      reason: 'same visit, misdated',
    });
    expect(merged.statusCode).toBe(202);
    const data = {
      incidentIds: ['inc-e-a1', 'inc-e-a2'],
      into: 'inc-e-a1',
      by: 'ana@desk',
      reason: 'same visit, misdated',
    };
    expect(merged.json()).toEqual({
      stream: INCIDENT_CORRECTIONS_STREAM,
      streamVersion: 1,
      appended: [{ type: 'IncidentsMerged', data }],
    });
    const [event] = await store.readStream(INCIDENT_CORRECTIONS_STREAM);
    expect(event).toMatchObject({
      type: 'IncidentsMerged',
      data,
      metadata: { actor: 'ana@desk', reason: 'same visit, misdated' },
    });

    await sync();
    const incident = (await get('/api/incidents/inc-e-a1')).json();
    expect(incident).toMatchObject({ incidentId: 'inc-e-a1', sourceCount: 3 });
    expect(incident.history).toEqual([
      expect.objectContaining({ kind: 'merged', by: 'ana@desk', reason: 'same visit, misdated', into: 'inc-e-a1' }),
    ]);
    expect((await get('/api/incidents/inc-e-a2')).statusCode).toBe(404);
  });

  it('splits (202), refusing with 422 an event not in the incident or taking every event out', async () => {
    const stranger = await post('/api/incidents/inc-e-a1/split', { eventIds: ['e-a2', 'e-zz'], reason: 'two visits' });
    expect(stranger.statusCode).toBe(422);
    expect(stranger.json().message).toBe('not events of incident inc-e-a1: e-zz');
    expect(
      (await post('/api/incidents/inc-e-a1/split', { eventIds: ['e-a1', 'e-a2', 'e-a3'], reason: 'two visits' }))
        .statusCode,
    ).toBe(422);

    const split = await post(
      '/api/incidents/inc-e-a1/split',
      { eventIds: ['e-a2', 'e-a3'], reason: 'two visits after all' },
      { 'x-test-admin': 'ben@desk' },
    );
    expect(split.statusCode).toBe(202);
    expect(split.json().appended).toEqual([
      {
        type: 'IncidentSplit',
        data: { incidentId: 'inc-e-a1', eventIds: ['e-a2', 'e-a3'], by: 'ben@desk', reason: 'two visits after all' },
      },
    ]);
    await sync();
    const created = (await get('/api/incidents/inc-split-e-a2')).json();
    expect(created).toMatchObject({ sourceCount: 2, sources: [{ articleId: 'a2' }, { articleId: 'a3' }] });
    expect(created.history.map((h: { kind: string; by: string }) => [h.kind, h.by])).toEqual([['split', 'ben@desk']]);
    expect((await get('/api/incidents/inc-e-a1')).json()).toMatchObject({
      sourceCount: 1,
      history: [{ kind: 'merged' }, { kind: 'split', to: 'inc-split-e-a2' }],
    });
  });

  it('two analysts merging the same incidents opposite ways at once: one merge lands, the other is refused (409) on the state it decided again on', async () => {
    const before = (await store.readStream(INCIDENT_CORRECTIONS_STREAM)).length;
    const answers = await Promise.all([
      post('/api/incidents/merge', {
        incidentIds: ['inc-e-a1', 'inc-split-e-a2'],
        into: 'inc-e-a1',
        reason: 'one visit',
      }),
      post(
        '/api/incidents/merge',
        { incidentIds: ['inc-e-a1', 'inc-split-e-a2'], into: 'inc-split-e-a2', reason: 'one visit' },
        { 'x-test-admin': 'ben@desk' },
      ),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([202, 409]);
    const refused = answers.find((a) => a.statusCode === 409)!.json();
    expect(refused.message).toMatch(/already merged into another incident/);
    expect(await store.readStream(INCIDENT_CORRECTIONS_STREAM)).toHaveLength(before + 1);
  });
});
