import { type Actor, type EventType, type Modality } from '#domain';
import { type TestDatabase, createTestDatabase } from '#db/testing/test-database';
import { articlesProjection } from '../articles/articles.projection.js';
import { eventsProjection } from '../events/events.projection.js';
import {
  ArticleStreams,
  IRAN,
  IRAQ,
  USA,
  actor,
  article,
  catchUp,
  coded,
  reproject,
} from '../testing/article-streams.js';
import { INCIDENT_CORRECTIONS_STREAM } from './incident-corrections.js';
import { incidentsProjection } from './incidents.projection.js';

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SAUDI = actor('saudi-arabia', 'SAU', 'Saudi Arabia');
const ACTORS: Actor[] = [IRAQ, IRAN, USA, SAUDI];
const TYPES: EventType[] = ['VisitMade', 'TalksStarted', 'WaiverGranted'];

describe('incidents projection: a batch gives what one event at a time gives (PostgreSQL)', () => {
  let testDb: TestDatabase;
  let streams: ArticleStreams;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    streams = new ArticleStreams(testDb.db);
  });
  afterAll(() => testDb.drop());

  /** Every membership version, every candidate's incident, every history row: the projection's whole state. */
  const snapshot = async () => ({
    members: await testDb.db
      .selectFrom('read_incident_members')
      .select(['incident_id', 'event_id', 'recorded_from', 'recorded_to'])
      .orderBy('event_id')
      .orderBy('recorded_from')
      .execute(),
    candidates: await testDb.db
      .selectFrom('read_incident_candidates')
      .select(['event_id', 'incident_id', 'active', 'pinned_incident'])
      .orderBy('event_id')
      .execute(),
    history: await testDb.db
      .selectFrom('read_incident_history')
      .select(['incident_id', 'log_position', 'kind'])
      .orderBy('incident_id')
      .orderBy('log_position')
      .execute(),
  });
  const project = async (batchSize: number) => {
    await reproject(testDb.db, incidentsProjection, batchSize);
    return snapshot();
  };

  it('keeps the same incidents, membership versions and history with batches of 1 and of 500 over a random log', async () => {
    const next = random(20211007);
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
    const day = () => `2021-04-${String(1 + Math.floor(next() * 20)).padStart(2, '0')}`;
    const live: { articleId: string; eventId: string }[] = [];
    for (let a = 0; a < 60; a++) {
      const articleId = `a${a}`;
      await streams.receive(article(articleId, { outlet: `Outlet ${a % 4}` }));
      const events = Array.from({ length: 1 + Math.floor(next() * 4) }, (_, e) => {
        const start = day();
        const end = next() < 0.3 ? '2021-04-25' : start;
        const modality: Modality = next() < 0.15 ? 'negated' : 'asserted';
        const agent = pick(ACTORS);
        const target = next() < 0.2 ? [] : [pick(ACTORS.filter((x) => x !== agent))];
        return coded(articleId, `e${a}-${e}`, pick(TYPES), [agent], target, { start, end }, { modality });
      });
      await streams.code(articleId, events);
      live.push(...events.map((e) => ({ articleId, eventId: e.eventId })));
      // Now and then an analyst retracts or corrects an earlier event, or merges or splits.
      if (a % 7 === 6) {
        const victim = live.splice(Math.floor(next() * live.length), 1)[0]!;
        await streams.run(victim.articleId, {
          type: 'RetractEvent',
          eventId: victim.eventId,
          reason: 'misread',
          by: 'ana',
        });
      }
      if (a % 9 === 8) {
        const target = pick(live);
        await streams.run(target.articleId, {
          type: 'CorrectEvent',
          eventId: target.eventId,
          changes: {
            date: { start: day(), end: day() > '2021-04-10' ? '2021-04-22' : '2021-04-12', precision: 'day' },
          },
          reason: 'date',
          by: 'ana',
        });
      }
      if (a === 30 || a === 50) {
        await catchUp(testDb.db, [articlesProjection, eventsProjection, incidentsProjection]);
        const current = await testDb.db
          .selectFrom('read_incident_members')
          .select(['incident_id', 'event_id'])
          .where('recorded_to', 'is', null)
          .orderBy('incident_id')
          .execute();
        const incidents = [...new Set(current.map((m) => m.incident_id))];
        const data = { incidentIds: incidents.slice(0, 2), into: incidents[0]!, by: 'ana', reason: 'one story' };
        await streams.store.append(INCIDENT_CORRECTIONS_STREAM, [{ type: 'IncidentsMerged', data }], {
          expectedVersion: 'any',
        });
        const inLast = current.filter((m) => m.incident_id === incidents.at(-1));
        if (inLast.length > 1) {
          const split = {
            incidentId: incidents.at(-1)!,
            eventIds: [inLast[0]!.event_id],
            by: 'ana',
            reason: 'two stories',
          };
          await streams.store.append(INCIDENT_CORRECTIONS_STREAM, [{ type: 'IncidentSplit', data: split }], {
            expectedVersion: 'any',
          });
        }
      }
    }
    await catchUp(testDb.db, [articlesProjection, eventsProjection]);

    const oneAtATime = await project(1);
    const batched = await project(500);
    expect(batched).toEqual(oneAtATime);
    // Not a vacuous comparison: incidents with several sources, merges and moves happened.
    const sizes = new Map<string, number>();
    for (const m of oneAtATime.members.filter((m) => m.recorded_to === null))
      sizes.set(m.incident_id, (sizes.get(m.incident_id) ?? 0) + 1);
    expect(Math.max(...sizes.values())).toBeGreaterThan(3);
    expect(oneAtATime.members.some((m) => m.recorded_to !== null)).toBe(true);
    expect(oneAtATime.history.map((h) => h.kind)).toContain('merged');
  }, 120_000);
});
