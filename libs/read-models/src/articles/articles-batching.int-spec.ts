import { type TestDatabase, createTestDatabase } from '#db/testing/test-database';
import { ArticleStreams, IRAQ, USA, article, coded, reproject } from '../testing/article-streams.js';
import { articlesProjection } from './articles.projection.js';

describe('articles projection: a batch gives what one event at a time gives (PostgreSQL)', () => {
  let testDb: TestDatabase;
  let streams: ArticleStreams;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    streams = new ArticleStreams(testDb.db);
  });
  afterAll(() => testDb.drop());

  const project = async (batchSize: number) => {
    await reproject(testDb.db, articlesProjection, batchSize);
    return {
      articles: await testDb.db.selectFrom('read_articles').selectAll().orderBy('article_id').execute(),
      states: await testDb.db
        .selectFrom('read_article_states')
        .selectAll()
        .orderBy('article_id')
        .orderBy('version')
        .execute(),
    };
  };

  it('keeps the same articles and state versions with batches of 1 and of 500 (received, coded, failed, re-code asked, coded again)', async () => {
    for (let n = 0; n < 40; n++) {
      const id = `art-${n}`;
      await streams.receive(article(id, { outlet: `Outlet ${n % 3}` }));
      if (n % 5 === 0)
        await streams.run(id, { type: 'RecordCodingFailure', reason: 'the coder timed out', attempts: 3 });
      if (n % 5 !== 1)
        await streams.code(id, [
          coded(id, `${id}-w`, 'WaiverGranted', [USA], [IRAQ], { start: '2021-03-26', end: '2021-03-26' }),
        ]);
      if (n % 4 === 0) await streams.run(id, { type: 'RecordCodingFailure', reason: 'late failure', attempts: 4 }); // never un-codes
      if (n % 3 === 0) {
        await streams.run(id, { type: 'RequestRecode', requestedBy: 'ana@desk', reason: 'new gazetteer' });
        if (n % 2 === 0)
          await streams.code(
            id,
            [coded(id, `${id}-w2`, 'WaiverGranted', [USA], [IRAQ], { start: '2021-03-27', end: '2021-03-27' })],
            '2',
          );
      }
    }
    const oneAtATime = await project(1);
    const batched = await project(500);
    expect(batched).toEqual(oneAtATime);
    // Not vacuous: every kind of version is there.
    const current = oneAtATime.states.filter((s) => s.recorded_to === null);
    expect(current).toHaveLength(40);
    expect(new Set(current.map((s) => s.status))).toEqual(new Set(['coded', 'received', 'failed']));
    expect(current.some((s) => s.recode_requested !== null)).toBe(true);
    expect(Math.max(...oneAtATime.states.map((s) => s.version))).toBeGreaterThanOrEqual(4);
  }, 60_000);
});
