import { sql } from 'kysely';
import { type TestDatabase, createTestDatabase } from '#db/testing/test-database';
import { READ_MODEL_PROJECTIONS } from '../projections.js';
import { ArticleStreams, IRAN, IRAQ, USA, article, catchUp, coded, pause } from '../testing/article-streams.js';
import { incidentSizes, listIncidents } from './incidents.queries.js';

const page = (asOf?: Date) => ({ limit: 50, offset: 0, ...(asOf && { asOf }) });
const waiver = (articleId: string, eventId: string, start: string, end: string) =>
  coded(articleId, eventId, 'WaiverGranted', [USA], [IRAQ], { start, end });

describe('incidents read model (PostgreSQL)', () => {
  let testDb: TestDatabase;
  let streams: ArticleStreams;
  const incidents = async (asOf?: Date) => (await listIncidents(testDb.db, {}, page(asOf))).items;
  const shape = async (asOf?: Date) =>
    (await incidents(asOf)).map((i) => [i.type, i.sourceCount, i.sources.map((s) => s.articleId).sort()]);
  const sync = () => catchUp(testDb.db, READ_MODEL_PROJECTIONS);

  beforeAll(async () => {
    testDb = await createTestDatabase();
    streams = new ArticleStreams(testDb.db);
  });
  afterAll(() => testDb.drop());

  it('merges two articles about the same waiver into one incident with two sources, and keeps counting later reports', async () => {
    await streams.receive(article('reuters', { outlet: 'Reuters', title: 'US extends Iraq waiver for Iranian power' }));
    await streams.receive(article('shafaq', { outlet: 'Shafaq', title: 'Washington renews waiver' }));
    await streams.code('reuters', [waiver('reuters', 'w-reuters', '2021-03-26', '2021-03-26')]);
    await streams.code('shafaq', [
      waiver('shafaq', 'w-shafaq', '2021-03-22', '2021-03-28'),
      // Same article, another real-world event: stays its own incident.
      coded('shafaq', 'sanction', 'SanctionsImposed', [USA], [IRAN], { start: '2021-03-26', end: '2021-03-26' }),
    ]);
    await sync();
    const [first, second] = await incidents();
    expect(await shape()).toEqual(
      [
        ['SanctionsImposed', 1, ['shafaq']],
        ['WaiverGranted', 2, ['reuters', 'shafaq']],
      ].sort((a, b) => (a[0]! < b[0]! ? 1 : -1)),
    );
    const waiverIncident = [first, second].find((i) => i!.type === 'WaiverGranted')!;
    expect(waiverIncident).toMatchObject({
      incidentId: 'inc-w-reuters',
      dateStart: '2021-03-22',
      dateEnd: '2021-03-28',
      agentCountries: ['USA'],
      targetCountries: ['IRQ'],
      outletCount: 2,
      eventCount: 2,
    });

    const beforeThird = await pause();
    await streams.receive(article('ap', { outlet: 'AP' }));
    await streams.code('ap', [waiver('ap', 'w-ap', '2021-03-27', '2021-03-27')]);
    await sync();
    expect((await listIncidents(testDb.db, { types: ['WaiverGranted'] }, page())).items[0]).toMatchObject({
      incidentId: 'inc-w-reuters',
      sourceCount: 3,
    });
    expect((await listIncidents(testDb.db, { types: ['WaiverGranted'] }, page(beforeThird))).items[0]).toMatchObject({
      sourceCount: 2,
    });
    expect((await listIncidents(testDb.db, { minSources: 3 }, page())).items.map((i) => i.incidentId)).toEqual([
      'inc-w-reuters',
    ]);
    expect((await listIncidents(testDb.db, { country: 'IRN' }, page())).items.map((i) => i.type)).toEqual([
      'SanctionsImposed',
    ]);
    const sizes = await incidentSizes(testDb.db, ['w-ap', 'sanction']);
    expect(sizes.get('w-ap')).toEqual({ incidentId: 'inc-w-reuters', articles: 3, outlets: 3 });
    expect(sizes.get('sanction')).toMatchObject({ articles: 1 });
  });

  it('removes a retracted source, splits an incident whose bridge is retracted, and drops an incident with no active event', async () => {
    // A bridge: two one-day reports weeks apart, joined only by a month-long one.
    await streams.receive(article('early', { outlet: 'Early' }));
    await streams.receive(article('late', { outlet: 'Late' }));
    await streams.receive(article('month', { outlet: 'Month' }));
    await streams.code('early', [
      coded('early', 'v-early', 'VisitMade', [IRAQ], [IRAN], { start: '2021-05-03', end: '2021-05-03' }),
    ]);
    await streams.code('late', [
      coded('late', 'v-late', 'VisitMade', [IRAQ], [IRAN], { start: '2021-05-28', end: '2021-05-28' }),
    ]);
    await sync();
    expect((await listIncidents(testDb.db, { types: ['VisitMade'] }, page())).items).toHaveLength(2);
    await streams.code('month', [
      coded('month', 'v-month', 'VisitMade', [IRAQ], [IRAN], { start: '2021-05-01', end: '2021-05-31' }),
    ]);
    await sync();
    const merged = (await listIncidents(testDb.db, { types: ['VisitMade'] }, page())).items;
    expect(merged.map((i) => [i.incidentId, i.sourceCount])).toEqual([['inc-v-early', 3]]);

    const beforeRetraction = await pause();
    await streams.run('month', {
      type: 'RetractEvent',
      eventId: 'v-month',
      reason: 'it was a plan, not a visit',
      by: 'ana',
    });
    await sync();
    const split = (await listIncidents(testDb.db, { types: ['VisitMade'] }, page())).items;
    expect(split.map((i) => [i.incidentId, i.sourceCount]).sort()).toEqual([
      ['inc-v-early', 1],
      ['inc-v-late', 1],
    ]);
    expect(
      (await listIncidents(testDb.db, { types: ['VisitMade'] }, page(beforeRetraction))).items.map(
        (i) => i.sourceCount,
      ),
    ).toEqual([3]);

    // Retracting a waiver report takes one source away.
    await streams.run('ap', { type: 'RetractEvent', eventId: 'w-ap', reason: 'duplicate wire copy', by: 'ana' });
    await sync();
    expect((await listIncidents(testDb.db, { types: ['WaiverGranted'] }, page())).items[0]).toMatchObject({
      sourceCount: 2,
    });

    // The sanction's only event retracted: the incident is gone now, still there before.
    const beforeGone = await pause();
    await streams.run('shafaq', { type: 'RetractEvent', eventId: 'sanction', reason: 'not in the text', by: 'ana' });
    await sync();
    expect((await listIncidents(testDb.db, { types: ['SanctionsImposed'] }, page())).items).toEqual([]);
    expect((await listIncidents(testDb.db, { types: ['SanctionsImposed'] }, page(beforeGone))).items).toHaveLength(1);
  });

  it('moves a corrected event to the incident it now belongs to', async () => {
    await streams.run('late', {
      type: 'CorrectEvent',
      eventId: 'v-late',
      changes: { date: { start: '2021-05-03', end: '2021-05-04', precision: 'day' } },
      reason: 'wrong day',
      by: 'ana',
    });
    await sync();
    expect(
      (await listIncidents(testDb.db, { types: ['VisitMade'] }, page())).items.map((i) => [
        i.incidentId,
        i.sourceCount,
      ]),
    ).toEqual([['inc-v-early', 2]]);
    await streams.run('late', {
      type: 'CorrectEvent',
      eventId: 'v-late',
      changes: { modality: 'negated' },
      reason: 'the visit was called off',
      by: 'ana',
    });
    await sync();
    expect(
      (await listIncidents(testDb.db, { types: ['VisitMade'] }, page())).items.map((i) => [
        i.incidentId,
        i.sourceCount,
      ]),
    ).toEqual([['inc-v-early', 1]]);
  });

  it('is idempotent under replay, and a rebuild from an empty read model gives the same incidents', async () => {
    const snapshot = async () => ({
      members: await testDb.db
        .selectFrom('read_incident_members')
        .select(['incident_id', 'event_id', 'article_id', 'recorded_from', 'recorded_to'])
        .orderBy('event_id')
        .orderBy('recorded_from')
        .execute(),
      candidates: await testDb.db.selectFrom('read_incident_candidates').selectAll().orderBy('event_id').execute(),
      events: await testDb.db.selectFrom('read_events').selectAll().orderBy('event_id').orderBy('version').execute(),
      states: await testDb.db
        .selectFrom('read_article_states')
        .selectAll()
        .orderBy('article_id')
        .orderBy('version')
        .execute(),
    });
    const before = await snapshot();
    await sql`delete from consumer_checkpoints`.execute(testDb.db);
    await sync();
    expect(await snapshot()).toEqual(before);

    // Blue/green rebuild: empty tables, start from the beginning of the log.
    await sql`truncate read_incident_members, read_incident_candidates, read_events, read_article_states, read_articles cascade`.execute(
      testDb.db,
    );
    await sql`delete from read_stream_progress`.execute(testDb.db);
    await sql`delete from consumer_checkpoints`.execute(testDb.db);
    await sync();
    expect(await snapshot()).toEqual(before);
  });
});
