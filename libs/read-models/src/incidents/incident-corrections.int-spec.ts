import { sql } from 'kysely';
import { type TestDatabase, createTestDatabase } from '#db/testing/test-database';
import { READ_MODEL_PROJECTIONS } from '../projections.js';
import { ArticleStreams, IRAN, IRAQ, USA, article, catchUp, coded, pause } from '../testing/article-streams.js';
import { INCIDENT_CORRECTIONS_STREAM, type IncidentSplit, type IncidentsMerged } from './incident-corrections.js';
import { listIncidents } from './incidents.queries.js';

const page = (asOf?: Date) => ({ limit: 50, offset: 0, ...(asOf && { asOf }) });
const visit = (articleId: string, eventId: string, start: string, end = start) =>
  coded(articleId, eventId, 'VisitMade', [IRAQ], [IRAN], { start, end });
const waiver = (articleId: string, eventId: string, start: string, end = start) =>
  coded(articleId, eventId, 'WaiverGranted', [USA], [IRAQ], { start, end });

describe('analysts merge and split incidents (PostgreSQL)', () => {
  let testDb: TestDatabase;
  let streams: ArticleStreams;
  const sync = () => catchUp(testDb.db, READ_MODEL_PROJECTIONS);
  const incidentsOf = async (type: string, asOf?: Date) =>
    (await listIncidents(testDb.db, { types: [type] }, page(asOf))).items
      .map((i) => [i.incidentId, i.sources.map((s) => s.articleId).sort()])
      .sort();
  const report = async (articleId: string, events: ReturnType<typeof coded>[]) => {
    await streams.receive(article(articleId, { outlet: `Outlet ${articleId}` }));
    await streams.code(articleId, events);
  };
  const merge = (data: IncidentsMerged) =>
    streams.store.append(
      INCIDENT_CORRECTIONS_STREAM,
      [{ type: 'IncidentsMerged', data, metadata: { actor: data.by, reason: data.reason } }],
      { expectedVersion: 'any' },
    );
  const split = (data: IncidentSplit) =>
    streams.store.append(
      INCIDENT_CORRECTIONS_STREAM,
      [{ type: 'IncidentSplit', data, metadata: { actor: data.by, reason: data.reason } }],
      { expectedVersion: 'any' },
    );

  beforeAll(async () => {
    testDb = await createTestDatabase();
    streams = new ArticleStreams(testDb.db);
  });
  afterAll(() => testDb.drop());

  it('merges two incidents into one with all their sources, shows two before the merge, and records who and why', async () => {
    // Weeks apart: the matching keeps them apart, an analyst knows they are one visit.
    await report('early', [visit('early', 'v-early', '2021-06-03')]);
    await report('late', [visit('late', 'v-late', '2021-06-20')]);
    await sync();
    expect(await incidentsOf('VisitMade')).toEqual([
      ['inc-v-early', ['early']],
      ['inc-v-late', ['late']],
    ]);

    const beforeMerge = await pause();
    await merge({
      incidentIds: ['inc-v-early', 'inc-v-late'],
      into: 'inc-v-early',
      by: 'ana@desk',
      reason: 'the same visit, misdated by one outlet',
    });
    await sync();
    expect(await incidentsOf('VisitMade')).toEqual([['inc-v-early', ['early', 'late']]]);
    expect(await incidentsOf('VisitMade', beforeMerge)).toEqual([
      ['inc-v-early', ['early']],
      ['inc-v-late', ['late']],
    ]);
    const [merged] = (await listIncidents(testDb.db, { incidentId: 'inc-v-early' }, page())).items;
    expect(merged!.history).toEqual([
      expect.objectContaining({
        kind: 'merged',
        by: 'ana@desk',
        reason: 'the same visit, misdated by one outlet',
        incidentIds: ['inc-v-early', 'inc-v-late'],
        into: 'inc-v-early',
      }),
    ]);
    expect(
      (await listIncidents(testDb.db, { incidentId: 'inc-v-early' }, page(beforeMerge))).items[0]!.history,
    ).toEqual([]);
  });

  it('keeps a merged incident together when the event bridging it is retracted; a new matching event still joins it', async () => {
    // Spans the month: matches both merged events, so it joins the merged incident ...
    await report('month', [visit('month', 'v-month', '2021-06-01', '2021-06-30')]);
    await sync();
    expect(await incidentsOf('VisitMade')).toEqual([['inc-v-early', ['early', 'late', 'month']]]);
    // ... and retracting it would split an automatic incident, not this one.
    await streams.run('month', { type: 'RetractEvent', eventId: 'v-month', reason: 'a plan, not a visit', by: 'ana' });
    await sync();
    expect(await incidentsOf('VisitMade')).toEqual([['inc-v-early', ['early', 'late']]]);
    // A correction of a merged event re-groups without splitting it off either.
    await streams.run('late', {
      type: 'CorrectEvent',
      eventId: 'v-late',
      changes: { date: { start: '2021-06-21', end: '2021-06-21', precision: 'day' } },
      reason: 'wrong day',
      by: 'ana',
    });
    await sync();
    expect(await incidentsOf('VisitMade')).toEqual([['inc-v-early', ['early', 'late']]]);
  });

  it('splits events out into a new incident with its own sources, and keeps them apart when new reports arrive', async () => {
    // A month-long report bridges two waivers weeks apart: one automatic incident.
    await report('w1', [waiver('w1', 'w-1', '2021-07-05')]);
    await report('w2', [waiver('w2', 'w-2', '2021-07-20')]);
    await report('wb', [waiver('wb', 'w-b', '2021-07-01', '2021-07-31')]);
    await sync();
    expect(await incidentsOf('WaiverGranted')).toEqual([['inc-w-1', ['w1', 'w2', 'wb']]]);

    const beforeSplit = await pause();
    await split({ incidentId: 'inc-w-1', eventIds: ['w-2', 'w-b'], by: 'ben@desk', reason: 'two waivers, not one' });
    await sync();
    expect(await incidentsOf('WaiverGranted')).toEqual([
      ['inc-split-w-2', ['w2', 'wb']],
      ['inc-w-1', ['w1']],
    ]);
    expect(await incidentsOf('WaiverGranted', beforeSplit)).toEqual([['inc-w-1', ['w1', 'w2', 'wb']]]);
    const byId = async (id: string) => (await listIncidents(testDb.db, { incidentId: id }, page())).items[0]!;
    const expected = expect.objectContaining({
      kind: 'split',
      by: 'ben@desk',
      reason: 'two waivers, not one',
      from: 'inc-w-1',
      to: 'inc-split-w-2',
      eventIds: ['w-2', 'w-b'],
    });
    expect((await byId('inc-split-w-2')).history).toEqual([expected]);
    expect((await byId('inc-w-1')).history).toEqual([expected]);

    // A report of the second waiver joins the split-off incident.
    await report('w3', [waiver('w3', 'w-3', '2021-07-20', '2021-07-21')]);
    // One matching both does not merge them again: it joins one (the older).
    await report('w4', [waiver('w4', 'w-4', '2021-07-01', '2021-07-31')]);
    await sync();
    expect(await incidentsOf('WaiverGranted')).toEqual([
      ['inc-split-w-2', ['w2', 'w3', 'wb']],
      ['inc-w-1', ['w1', 'w4']],
    ]);
    // Retracting that event re-groups without merging either.
    await streams.run('w4', { type: 'RetractEvent', eventId: 'w-4', reason: 'duplicate', by: 'ana' });
    await sync();
    expect(await incidentsOf('WaiverGranted')).toEqual([
      ['inc-split-w-2', ['w2', 'w3', 'wb']],
      ['inc-w-1', ['w1']],
    ]);
  });

  it('gives the same rows on replay from a reset checkpoint and on a rebuild from empty tables', async () => {
    const snapshot = async () => ({
      members: await testDb.db
        .selectFrom('read_incident_members')
        .select(['incident_id', 'event_id', 'article_id', 'recorded_from', 'recorded_to'])
        .orderBy('event_id')
        .orderBy('recorded_from')
        .execute(),
      candidates: await testDb.db.selectFrom('read_incident_candidates').selectAll().orderBy('event_id').execute(),
      history: await testDb.db
        .selectFrom('read_incident_history')
        .selectAll()
        .orderBy('incident_id')
        .orderBy('log_position')
        .execute(),
    });
    const before = await snapshot();
    expect(before.history).toHaveLength(4);
    await sql`delete from consumer_checkpoints`.execute(testDb.db);
    await sync();
    expect(await snapshot()).toEqual(before);

    await sql`truncate read_incident_members, read_incident_candidates, read_incident_history, read_events, read_article_states, read_articles cascade`.execute(
      testDb.db,
    );
    await sql`delete from read_stream_progress`.execute(testDb.db);
    await sql`delete from consumer_checkpoints`.execute(testDb.db);
    await sync();
    expect(await snapshot()).toEqual(before);
  });
});
