import 'reflect-metadata';
import { Global, Module } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { type TestDatabase, createTestDatabase } from '#db/testing/test-database';
import { DATABASE } from '#platform';
import {
  READ_MODEL_PROJECTIONS,
  actorMatchSchema,
  articleDetailSchema,
  eventMapSchema,
  eventViewSchema,
  pageSchema,
  timelineHistogramSchema,
} from '#read-models';
import { ArticleStreams, IRAQ, KADHIMI, USA, article, catchUp, coded } from '#read-models/testing/article-streams';
import { buildOpenApiDocument } from '../http/openapi.js';
import { ReadApiModule } from './read-api.module.js';

describe('read API over HTTP (Fastify, PostgreSQL)', () => {
  let testDb: TestDatabase;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    const streams = new ArticleStreams(testDb.db);
    await streams.receive(article('a1', { title: 'US extends Iraq waiver' }));
    await streams.code('a1', [
      coded('a1', 'e1', 'WaiverGranted', [USA], [IRAQ], { start: '2021-03-26', end: '2021-03-26' }),
    ]);
    await streams.receive(
      article('a-fr', {
        title: "Washington prolonge la dérogation accordée à l'Irak",
        text: "Washington a prolongé la dérogation accordée à l'Irak pour ses achats d'électricité iranienne.",
      }),
    );
    await streams.run('a-fr', { type: 'RecordUnsupportedLanguage', coderVersion: '1', language: 'fr' });
    // One article with an event of every modality: only the asserted one counts unless asked for.
    await streams.receive(article('m1', { title: 'Kadhimi threatens, denies and plans' }));
    const place = { name: 'Baghdad', country: 'IRQ', lat: 33.34, lon: 44.4, precision: 'city' as const };
    await streams.code('m1', [
      coded(
        'm1',
        'm-asserted',
        'MeetingHeld',
        [KADHIMI],
        [USA],
        { start: '2021-04-01', end: '2021-04-01' },
        { location: place },
      ),
      coded(
        'm1',
        'm-future',
        'VisitMade',
        [KADHIMI],
        [USA],
        { start: '2021-06-01', end: '2021-06-01' },
        { modality: 'future' },
      ),
      coded(
        'm1',
        'm-hypothetical',
        'AttackCarriedOut',
        [IRAQ],
        [USA],
        { start: '2021-04-02', end: '2021-04-02' },
        { modality: 'hypothetical', location: place },
      ),
      coded(
        'm1',
        'm-negated',
        'AttackCarriedOut',
        [IRAQ],
        [USA],
        { start: '2021-04-03', end: '2021-04-03' },
        { modality: 'negated' },
      ),
    ]);
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
    expect(body.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'asOf',
      'contry',
      'from',
      'limit',
      'type',
    ]);
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
    expect(a1).toMatchObject({
      id: 'a1',
      status: 'coded',
      title: 'US extends Iraq waiver',
      events: [{ eventId: 'e1', status: 'active', type: 'WaiverGranted' }],
    });
    expect(a1.history.map((h: { type: string }) => h.type)).toEqual([
      'ArticleReceived',
      'ArticleCoded',
      'WaiverGranted',
    ]);
    const events = (await get('/api/events?type=WaiverGranted&targetCountry=irq&limit=1')).json();
    expect(events).toMatchObject({
      total: 1,
      limit: 1,
      offset: 0,
      next: null,
      prev: null,
      last: null,
      items: [{ eventId: 'e1' }],
    });
    expect((await get('/api/timeline?to=2021-03-01')).json().items).toEqual([]);
    // Full-text search over title and text (the test texts all mention the waiver): the title's match ranks first.
    const found = (await get('/api/articles?q=waivers')).json();
    expect(found.items.map((a: { id: string }) => a.id)).toEqual(['a1', 'm1']);
    expect((await get('/api/articles?q=threatens')).json().items.map((a: { id: string }) => a.id)).toEqual(['m1']);
    expect((await get('/api/articles?q=nothing%20like%20this')).json()).toMatchObject({ items: [], total: 0 });
  });

  it('lists and serves an article in a language the coder does not read as unsupported-language', async () => {
    const unsupported = (await get('/api/articles?status=unsupported-language')).json();
    expect(unsupported.items.map((a: { id: string }) => a.id)).toEqual(['a-fr']);
    expect(unsupported.items[0]).toMatchObject({ status: 'unsupported-language', language: 'fr', eventCount: 0 });
    expect(
      (await get('/api/articles?status=coded'))
        .json()
        .items.map((a: { id: string }) => a.id)
        .sort(),
    ).toEqual(['a1', 'm1']);
    const detail = (await get('/api/articles/a-fr')).json();
    expect(detail).toMatchObject({ id: 'a-fr', status: 'unsupported-language', language: 'fr', events: [] });
  });

  it('serves actor dossiers, dyads and incidents, with 404 for an unknown actor or incident', async () => {
    expect((await get('/api/actors/united-states')).json()).toMatchObject({
      actor: { id: 'united-states' },
      asAgent: 1,
      asTarget: 1,
    });
    expect((await get('/api/actors/nobody')).statusCode).toBe(404);
    expect((await get('/api/dyads')).json().items).toEqual([
      expect.objectContaining({ actor1: 'IRQ', actor2: 'USA', events: 1 }),
      expect.objectContaining({ actor1: 'USA', actor2: 'IRQ', events: 1 }),
    ]);
    expect((await get('/api/dyads?directed=maybe')).json().message).toBe('directed: must be true or false');
    expect((await get('/api/incidents?minSources=1&type=WaiverGranted')).json().items).toEqual([
      expect.objectContaining({ incidentId: 'inc-e1', sourceCount: 1 }),
    ]);
    expect((await get('/api/incidents/inc-e1')).statusCode).toBe(200);
    expect((await get('/api/incidents/inc-nope')).statusCode).toBe(404);
  });

  it('streams the PLOVER JSONL and the GDELT-like CSV exports with the same filters', async () => {
    const jsonl = await get('/api/export/plover.jsonl?country=IRQ&type=WaiverGranted');
    expect(jsonl.statusCode).toBe(200);
    expect(jsonl.headers['content-type']).toContain('application/x-ndjson');
    const lines = jsonl.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toEqual([
      expect.objectContaining({
        event_id: 'e1',
        event_date: '2021-03-26',
        event_type: 'CONCEDE',
        actor: ['United States'],
        actor_country: ['USA'],
        actor_sector: ['GOV'],
        recipient: ['Iraq'],
        recipient_country: ['IRQ'],
        source: expect.objectContaining({ article_id: 'a1', url: 'https://news.example.org/a1' }),
        evidence: [{ text: 'Iraqi Prim', start: 0, end: 10 }],
      }),
    ]);
    const csv = await get('/api/export/events.csv?type=WaiverGranted');
    expect(csv.headers['content-type']).toContain('text/csv');
    const [header, row, ...rest] = csv.body.trim().split('\n');
    expect(rest).toEqual([]);
    const columns = header!.split(',');
    const values = row!.split(',');
    const at = (name: string) => values[columns.indexOf(name)];
    expect([
      at('GlobalEventID'),
      at('Day'),
      at('Actor1CountryCode'),
      at('Actor2CountryCode'),
      at('EventCode'),
      at('EventRootCode'),
      at('QuadClass'),
      at('GoldsteinScale'),
      at('NumArticles'),
    ]).toEqual(['e1', '20210326', 'USA', 'IRQ', '081', '08', '2', '5', '1']);
    expect((await get('/api/export/events.csv?type=SanctionsImposed')).body.trim().split('\n')).toHaveLength(1);
    expect((await get('/api/export/events.csv?limit=5')).statusCode).toBe(400);
  });

  it('counts, lists and exports only asserted events by default; modality= brings the others, labelled', async () => {
    const ids = async (url: string) =>
      ((await get(url)).json().items as { eventId: string }[]).map((e) => e.eventId).sort();
    expect(await ids('/api/events?actor=mustafa-al-kadhimi')).toEqual(['m-asserted']);
    expect(await ids('/api/timeline?country=USA')).toEqual(['e1', 'm-asserted']);
    expect(await ids('/api/events?type=AttackCarriedOut')).toEqual([]);
    expect(await ids('/api/events?type=AttackCarriedOut&modality=negated,hypothetical')).toEqual([
      'm-hypothetical',
      'm-negated',
    ]);
    const all = (await get('/api/timeline?modality=all&order=desc')).json();
    expect(pageSchema(eventViewSchema).parse(all).total).toBe(5);
    expect(all.items.map((e: { modality: string }) => e.modality).sort()).toEqual([
      'asserted',
      'asserted',
      'future',
      'hypothetical',
      'negated',
    ]);

    const m1 = (await get('/api/articles/m1')).json();
    expect(articleDetailSchema.parse(m1)).toMatchObject({ eventCount: 1, otherModalityEventCount: 3 });
    expect(m1.events.map((e: { eventId: string }) => e.eventId)).toEqual(['m-asserted']);
    expect((await get('/api/articles/m1?modality=all')).json().events).toHaveLength(4);
    // Incidents group asserted and future events (a denied or threatened attack is no incident).
    expect((await get('/api/incidents?type=VisitMade')).json().total).toBe(0);
    expect((await get('/api/incidents?type=VisitMade&modality=future')).json().total).toBe(1);
    expect((await get('/api/incidents?type=AttackCarriedOut&modality=all')).json().total).toBe(0);
    expect((await get('/api/dyads?modality=all')).json().items).toEqual([
      expect.objectContaining({ actor1: 'IRQ', actor2: 'USA', events: 4 }),
      expect.objectContaining({ actor1: 'USA', actor2: 'IRQ', events: 1 }),
    ]);
    const plover = (await get('/api/export/plover.jsonl?modality=all&type=AttackCarriedOut')).body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(plover.map((r: { aux_mode: string }) => r.aux_mode).sort()).toEqual(['hypothetical', 'negated']);
  });

  it('gives one event by id (the link of an alert raised by one event), whatever its modality', async () => {
    const one = await get('/api/events/m-negated');
    expect(one.statusCode).toBe(200);
    expect(eventViewSchema.parse(one.json())).toMatchObject({ eventId: 'm-negated', modality: 'negated' });
    expect((await get('/api/events/nope')).statusCode).toBe(404);
  });

  it('draws the map and the histogram from every matching event, empty periods included', async () => {
    const map = eventMapSchema.parse((await get('/api/map?modality=all')).json());
    expect(map.points).toEqual([
      { lat: 33.34, lon: 44.4, name: 'Baghdad', country: 'IRQ', precision: 'city', events: 2 },
    ]);
    expect(map.countries).toEqual([{ country: 'IRQ', numeric: '368', events: 2 }]);
    expect([map.located, map.unlocated]).toEqual([2, 3]);
    expect((await get('/api/map?type=AttackCarriedOut')).json().located).toBe(0);
    const histogram = timelineHistogramSchema.parse(
      (await get('/api/timeline/histogram?interval=month&modality=all')).json(),
    );
    expect(histogram.buckets).toEqual([
      { start: '2021-03-01', events: 1 },
      { start: '2021-04-01', events: 3 },
      { start: '2021-05-01', events: 0 },
      { start: '2021-06-01', events: 1 },
    ]);
  });

  it("finds actors by name, id or the dictionary's aliases", async () => {
    const search = async (q: string) =>
      pageSchema(actorMatchSchema).parse((await get(`/api/actors?q=${encodeURIComponent(q)}`)).json());
    expect((await search('kadhimi')).items).toEqual([
      expect.objectContaining({ id: 'mustafa-al-kadhimi', name: 'Mustafa al-Kadhimi', events: 1, matchedAlias: null }),
    ]);
    // "Iraqi" is a demonym of Iraq in the coder's dictionary, not a word of the name.
    expect((await search('Iraqi')).items.map((a) => [a.id, a.matchedAlias])).toEqual([
      ['iraq', expect.stringMatching(/iraqi/i)],
    ]);
    expect((await search('united-states')).total).toBe(1);
    expect((await search('nobody at all')).total).toBe(0);
    expect((await get('/api/actors')).statusCode).toBe(400);
  });

  it('answers 400 naming the parameter for hostile input, never 500', async () => {
    const forged = Buffer.from(JSON.stringify({ o: 9e15, t: '2021-01-01T00:00:00Z' })).toString('base64url');
    const cases: [string, string][] = [
      ['/api/events?from=0000-01-01', 'from'],
      ['/api/timeline?to=0000-01-01', 'to'],
      ['/api/events?asOf=0000-01-01T00:00:00Z', 'asOf'],
      [`/api/events?cursor=${forged}`, 'cursor'],
      ['/api/events?offset=1e12', 'offset'],
      ['/api/articles/%00', 'id'],
      ['/api/events/%00', 'id'],
      ['/api/incidents/%00', 'id'],
      ['/api/actors/%00', 'id'],
      ['/api/articles?q=%00', 'q'],
      ['/api/export/plover.jsonl?from=0000-01-01', 'from'],
      ['/api/export/events.csv?to=0000-01-01', 'to'],
    ];
    for (const [url, field] of cases) {
      const response = await get(url);
      expect({ url, status: response.statusCode }).toEqual({ url, status: 400 });
      expect({ url, fields: response.json().fields.map((f: { field: string }) => f.field) }).toEqual({
        url,
        fields: [field],
      });
    }
    // An id longer than any this API gives is refused by Fastify itself (414), still never a 500.
    expect((await get(`/api/articles/${'a'.repeat(300)}`)).statusCode).toBe(414);
  });

  it('documents every route with its parameters, response schemas and security in OpenAPI', () => {
    const document = buildOpenApiDocument(app);
    const events = document.paths['/api/events']!.get!;
    expect(events.parameters!.map((p) => ('name' in p ? p.name : ''))).toEqual(
      expect.arrayContaining([
        'limit',
        'offset',
        'cursor',
        'asOf',
        'type',
        'country',
        'agentCountry',
        'targetCountry',
        'actor',
        'from',
        'to',
        'modality',
        'status',
      ]),
    );
    expect(Object.keys(events.responses)).toEqual(expect.arrayContaining(['200', '400']));
    expect(Object.keys(document.paths['/api/articles/{id}']!.get!.responses)).toEqual(
      expect.arrayContaining(['200', '400', '404']),
    );
    type Parameter = { name?: string; description?: string; schema?: { enum?: string[] } };
    const parameters = document.paths['/api/articles']!.get!.parameters as Parameter[];
    const statusParam = parameters.find((p) => p.name === 'status')!;
    expect(statusParam.description).toMatch(/unsupported-language \(in a language the coder does not read/);
    expect(statusParam.schema?.enum).toEqual(['received', 'coded', 'unsupported-language', 'failed']);
    const paths = [
      '/api/articles',
      '/api/articles/{id}',
      '/api/events',
      '/api/events/{id}',
      '/api/timeline',
      '/api/timeline/histogram',
      '/api/map',
      '/api/actors',
      '/api/actors/{id}',
      '/api/dyads',
      '/api/incidents',
      '/api/incidents/{id}',
      '/api/export/plover.jsonl',
      '/api/export/events.csv',
    ];
    for (const path of paths) {
      const operation = document.paths[path]?.get;
      expect(operation?.summary).toBeTruthy();
      expect(operation?.parameters?.some((p) => 'name' in p && p.name === 'asOf')).toBe(true);
      const ok = operation?.responses['200'] as { content?: Record<string, { schema?: unknown }> } | undefined;
      expect({ path, schema: Boolean(Object.values(ok?.content ?? {})[0]?.schema) }).toEqual({ path, schema: true });
      expect(operation?.security).toEqual([{}, { bearer: [] }]);
    }
    expect(Object.keys(document.components?.securitySchemes ?? {}).sort()).toEqual(['bearer', 'csrf', 'session']);
  });
});
