import 'reflect-metadata';
import { Global, Module } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { type TestDatabase, createTestDatabase } from '#db/testing/test-database';
import { DATABASE } from '#platform';
import { READ_MODEL_PROJECTIONS } from '#read-models';
import { ArticleStreams, IRAQ, USA, article, catchUp, coded } from '#read-models/testing/article-streams';
import { ReadApiModule } from './read-api.module.js';

describe('read API over HTTP (Fastify, PostgreSQL)', () => {
  let testDb: TestDatabase;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    const streams = new ArticleStreams(testDb.db);
    await streams.receive(article('a1', { title: 'US extends Iraq waiver' }));
    await streams.code('a1', [coded('a1', 'e1', 'WaiverGranted', [USA], [IRAQ], { start: '2021-03-26', end: '2021-03-26' })]);
    await streams.receive(article('a-fr', { title: "Washington prolonge la dérogation accordée à l'Irak" }));
    await streams.run('a-fr', { type: 'RecordUnsupportedLanguage', coderVersion: '1', language: 'fr' });
    await catchUp(testDb.db, READ_MODEL_PROJECTIONS);

    // Only the read API, on the real test database: DATABASE is the one thing it needs from the platform.
    @Global()
    @Module({ providers: [{ provide: DATABASE, useValue: { db: testDb.db } }], exports: [DATABASE] })
    class TestDatabaseModule {}
    const moduleRef = await Test.createTestingModule({ imports: [TestDatabaseModule, ReadApiModule] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await app?.close();
    await testDb.drop();
  });

  const get = (url: string) => app.inject({ method: 'GET', url });

  it('answers 400 naming each bad query parameter', async () => {
    const response = await get('/api/events?limit=501&type=Foo&from=2021-02-30x&contry=IRQ&asOf=soon');
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['asOf', 'contry', 'from', 'limit', 'type']);
    expect(body.message).toMatch(/limit: must be at most 500/);
    expect(body.message).toMatch(/type: unknown event type 'Foo'/);
    expect((await get('/api/articles?status=done')).json().message).toBe(
      'status: must be one of received, coded, unsupported-language, failed',
    );
    expect((await get('/api/articles/a1?asOf=tomorrow')).statusCode).toBe(400);
  });

  it('answers 404 for an unknown article, and for one not yet received at asOf', async () => {
    const response = await get('/api/articles/nope');
    expect(response.statusCode).toBe(404);
    expect(response.json().message).toBe('no article nope');
    expect((await get('/api/articles/a1?asOf=2020-01-01T00:00:00Z')).statusCode).toBe(404);
  });

  it('serves an article, events and the timeline', async () => {
    const a1 = (await get('/api/articles/a1')).json();
    expect(a1).toMatchObject({ id: 'a1', status: 'coded', title: 'US extends Iraq waiver', events: [{ eventId: 'e1', status: 'active', type: 'WaiverGranted' }] });
    expect(a1.history.map((h: { type: string }) => h.type)).toEqual(['ArticleReceived', 'ArticleCoded', 'WaiverGranted']);
    const events = (await get('/api/events?type=WaiverGranted&targetCountry=irq&limit=1')).json();
    expect(events).toMatchObject({ limit: 1, offset: 0, next: null, items: [{ eventId: 'e1' }] });
    expect((await get('/api/timeline?to=2021-03-01')).json().items).toEqual([]);
    expect((await get('/api/articles?q=waiver')).json().items.map((a: { id: string }) => a.id)).toEqual(['a1']);
  });

  it('lists and serves an article in a language the coder does not read as unsupported-language', async () => {
    const unsupported = (await get('/api/articles?status=unsupported-language')).json();
    expect(unsupported.items.map((a: { id: string }) => a.id)).toEqual(['a-fr']);
    expect(unsupported.items[0]).toMatchObject({ status: 'unsupported-language', language: 'fr', eventCount: 0 });
    expect((await get('/api/articles?status=coded')).json().items.map((a: { id: string }) => a.id)).toEqual(['a1']);
    const detail = (await get('/api/articles/a-fr')).json();
    expect(detail).toMatchObject({ id: 'a-fr', status: 'unsupported-language', language: 'fr', events: [] });
  });

  it('serves actor dossiers, dyads and incidents, with 404 for an unknown actor or incident', async () => {
    expect((await get('/api/actors/united-states')).json()).toMatchObject({ actor: { id: 'united-states' }, asAgent: 1, asTarget: 0 });
    expect((await get('/api/actors/nobody')).statusCode).toBe(404);
    expect((await get('/api/dyads')).json().items).toEqual([expect.objectContaining({ actor1: 'USA', actor2: 'IRQ', events: 1 })]);
    expect((await get('/api/dyads?directed=maybe')).json().message).toBe('directed: must be true or false');
    expect((await get('/api/incidents?minSources=1')).json().items).toEqual([expect.objectContaining({ incidentId: 'inc-e1', sourceCount: 1 })]);
    expect((await get('/api/incidents/inc-e1')).statusCode).toBe(200);
    expect((await get('/api/incidents/inc-nope')).statusCode).toBe(404);
  });

  it('streams the PLOVER JSONL and the GDELT-like CSV exports with the same filters', async () => {
    const jsonl = await get('/api/export/plover.jsonl?country=IRQ');
    expect(jsonl.statusCode).toBe(200);
    expect(jsonl.headers['content-type']).toContain('application/x-ndjson');
    const lines = jsonl.body.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toEqual([
      expect.objectContaining({
        event_id: 'e1', event_date: '2021-03-26', event_type: 'CONCEDE', actor: ['United States'], actor_country: ['USA'], actor_sector: ['GOV'],
        recipient: ['Iraq'], recipient_country: ['IRQ'], source: expect.objectContaining({ article_id: 'a1', url: 'https://news.example.org/a1' }),
        evidence: [{ text: 'Iraqi Prim', start: 0, end: 10 }],
      }),
    ]);
    const csv = await get('/api/export/events.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    const [header, row, ...rest] = csv.body.trim().split('\n');
    expect(rest).toEqual([]);
    const columns = header!.split(',');
    const values = row!.split(',');
    const at = (name: string) => values[columns.indexOf(name)];
    expect([at('GlobalEventID'), at('Day'), at('Actor1CountryCode'), at('Actor2CountryCode'), at('EventCode'), at('EventRootCode'), at('QuadClass'), at('GoldsteinScale'), at('NumArticles')]).toEqual(
      ['e1', '20210326', 'USA', 'IRQ', '081', '08', '2', '5', '1'],
    );
    expect((await get('/api/export/events.csv?type=SanctionsImposed')).body.trim().split('\n')).toHaveLength(1);
    expect((await get('/api/export/events.csv?limit=5')).statusCode).toBe(400);
  });

  it('documents every route with its query parameters and responses in OpenAPI', () => {
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    const events = document.paths['/api/events']!.get!;
    expect(events.parameters!.map((p) => ('name' in p ? p.name : ''))).toEqual(
      expect.arrayContaining(['limit', 'offset', 'cursor', 'asOf', 'type', 'country', 'agentCountry', 'targetCountry', 'actor', 'from', 'to', 'modality', 'status']),
    );
    expect(Object.keys(events.responses)).toEqual(expect.arrayContaining(['200', '400']));
    expect(Object.keys(document.paths['/api/articles/{id}']!.get!.responses)).toEqual(expect.arrayContaining(['200', '400', '404']));
    type Parameter = { name?: string; description?: string; schema?: { enum?: string[] } };
    const parameters = document.paths['/api/articles']!.get!.parameters as Parameter[];
    const statusParam = parameters.find((p) => p.name === 'status')!;
    expect(statusParam.description).toMatch(/unsupported-language \(in a language the coder does not read/);
    expect(statusParam.schema?.enum).toEqual(['received', 'coded', 'unsupported-language', 'failed']);
    for (const path of ['/api/articles', '/api/articles/{id}', '/api/events', '/api/timeline', '/api/actors/{id}', '/api/dyads', '/api/incidents', '/api/incidents/{id}', '/api/export/plover.jsonl', '/api/export/events.csv']) {
      const operation = document.paths[path]?.get;
      expect(operation?.summary).toBeTruthy();
      expect(operation?.parameters?.some((p) => 'name' in p && p.name === 'asOf')).toBe(true);
      expect(operation?.responses['200']).toBeDefined();
    }
  });
});
