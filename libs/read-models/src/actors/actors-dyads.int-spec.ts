import { type TestDatabase, createTestDatabase } from '#db/testing/test-database';
import { listDyads } from '../dyads/dyads.queries.js';
import { READ_MODEL_PROJECTIONS } from '../projections.js';
import {
  ArticleStreams,
  IRAN,
  IRAQ,
  KADHIMI,
  USA,
  article,
  catchUp,
  coded,
  pause,
} from '../testing/article-streams.js';
import { actorDossier } from './actors.queries.js';

describe('actor dossiers and dyads (PostgreSQL)', () => {
  let testDb: TestDatabase;
  let beforeRetraction: Date;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    const streams = new ArticleStreams(testDb.db);
    await streams.receive(article('a1'));
    await streams.code('a1', [
      coded('a1', 'letter', 'LetterSent', [KADHIMI], [IRAN], { start: '2021-03-29', end: '2021-04-04' }),
      coded('a1', 'talks-1', 'TalksStarted', [IRAQ], [USA], { start: '2021-04-07', end: '2021-04-07' }),
      coded('a1', 'talks-2', 'TalksStarted', [USA], [IRAQ], { start: '2021-04-08', end: '2021-04-08' }),
      coded('a1', 'waiver', 'WaiverGranted', [USA], [IRAQ], { start: '2021-03-26', end: '2021-03-26' }),
      coded('a1', 'accuse', 'AccusationMade', [IRAN], [KADHIMI], { start: '2021-04-02', end: '2021-04-02' }),
    ]);
    beforeRetraction = await pause();
    await streams.run('a1', { type: 'RetractEvent', eventId: 'accuse', reason: 'misread', by: 'ana' });
    await catchUp(testDb.db, READ_MODEL_PROJECTIONS);
  });
  afterAll(() => testDb.drop());

  it('builds a dossier: events as agent and as target, counterparts, Goldstein balance per month, with asOf', async () => {
    const now = (await actorDossier(testDb.db, 'mustafa-al-kadhimi', {}))!;
    expect(now).toMatchObject({ actor: KADHIMI, asAgent: 1, asTarget: 0 });
    expect(now.counterparts).toEqual([{ id: 'iran', name: 'Iran', country: 'IRN', events: 1, goldsteinSum: 1 }]);
    expect(now.goldsteinByMonth).toEqual([
      { month: '2021-03', events: 1, goldsteinAsAgent: 1, goldsteinAsTarget: 0, goldsteinTotal: 1 },
    ]);
    const before = (await actorDossier(testDb.db, 'mustafa-al-kadhimi', { asOf: beforeRetraction }))!;
    expect(before).toMatchObject({ asAgent: 1, asTarget: 1 });
    expect(before.goldsteinByMonth).toEqual([
      { month: '2021-03', events: 1, goldsteinAsAgent: 1, goldsteinAsTarget: 0, goldsteinTotal: 1 },
      { month: '2021-04', events: 1, goldsteinAsAgent: 0, goldsteinAsTarget: -2, goldsteinTotal: -2 },
    ]);
    expect(before.events.map((e) => e.eventId)).toEqual(['accuse', 'letter']);
    expect(await actorDossier(testDb.db, 'nobody', {})).toBeUndefined();
  });

  it('counts country pairs, merging the two orders of a symmetric type unless asked to keep direction', async () => {
    const dyads = (await listDyads(testDb.db, {}, { limit: 50, offset: 0 })).items;
    expect(dyads.map((d) => [d.actor1, d.actor2, d.events, d.goldsteinSum])).toEqual([
      ['IRQ', 'USA', 2, 14],
      ['IRQ', 'IRN', 1, 1],
      ['USA', 'IRQ', 1, 5],
    ]);
    expect(dyads[0]!.byQuadClass).toMatchObject({ 'verbal-cooperation': 2, 'material-conflict': 0 });
    const directed = (await listDyads(testDb.db, { types: ['TalksStarted'] }, { limit: 50, offset: 0, directed: true }))
      .items;
    expect(directed.map((d) => [d.actor1, d.actor2, d.events])).toEqual([
      ['IRQ', 'USA', 1],
      ['USA', 'IRQ', 1],
    ]);
    const asOf = (await listDyads(testDb.db, { country: 'IRN' }, { limit: 50, offset: 0, asOf: beforeRetraction }))
      .items;
    expect(asOf.map((d) => [d.actor1, d.actor2, d.events, d.goldsteinAvg])).toEqual([
      ['IRN', 'IRQ', 1, -2],
      ['IRQ', 'IRN', 1, 1],
    ]);
  });
});
