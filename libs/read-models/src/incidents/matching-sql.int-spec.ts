import { type TestDatabase, createTestDatabase } from '#db/testing/test-database';
import { EVENT_TYPES } from '#domain';
import type { CandidateFeatures } from './incidents.projection.js';
import { matchingIncidents } from './matching-sql.js';
import { sameIncident } from './matching.js';

/** The projection matches in SQL; the rule lives in matching.ts. Both must agree on every case. */
describe('incident matching in SQL agrees with sameIncident', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(() => testDb.drop());

  it('on 300 random candidates against 60 stored ones', async () => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const countries = ['IRQ', 'IRN', 'USA', 'SAU'];
    const someCountries = () => countries.filter(() => random() < 0.35);
    const day = () => `2021-03-${String(1 + Math.floor(random() * 20)).padStart(2, '0')}`;
    const features = (i: number): CandidateFeatures => {
      const type = pick(['TalksStarted', 'WaiverGranted', 'DemandIssued'] as const);
      const [a, b] = [day(), day()].sort();
      return {
        eventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        articleId: 'a',
        seq: String(i),
        type,
        symmetric: EVENT_TYPES[type].symmetric,
        agentCountries: someCountries(),
        targetCountries: someCountries(),
        dateStart: a!,
        dateEnd: b!,
        active: true,
        incidentId: `inc-${i}`,
        pinnedIncident: null,
      };
    };
    const stored = Array.from({ length: 60 }, (_, i) => features(i));
    await testDb.db
      .insertInto('read_incident_candidates')
      .values(
        stored.map((c) => ({
          event_id: c.eventId,
          article_id: c.articleId,
          seq: c.seq,
          type: c.type,
          is_symmetric: c.symmetric,
          agent_countries: c.agentCountries,
          target_countries: c.targetCountries,
          date_start: c.dateStart,
          date_end: c.dateEnd,
          active: true,
          incident_id: c.incidentId,
        })),
      )
      .execute();
    let compared = 0;
    await testDb.db.transaction().execute(async (trx) => {
      for (let i = 1000; i < 1300; i++) {
        const candidate = features(i);
        const expected = stored
          .filter((other) => sameIncident(candidate, other))
          .map((other) => other.incidentId!)
          .sort();
        expect((await matchingIncidents(trx, candidate)).sort()).toEqual(expected);
        compared += expected.length;
      }
    });
    // The random cases must include matches, not only misses.
    expect(compared).toBeGreaterThan(50);
  });
});
