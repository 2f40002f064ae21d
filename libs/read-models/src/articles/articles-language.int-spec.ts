import { type TestDatabase, createTestDatabase } from '#db/testing/test-database';
import { READ_MODEL_PROJECTIONS } from '../projections.js';
import { ArticleStreams, IRAN, IRAQ, article, catchUp, coded, pause } from '../testing/article-streams.js';
import { getArticle, listArticles } from './articles.queries.js';

const page = (extra: Partial<{ asOf: Date }> = {}) => ({ limit: 50, offset: 0, ...extra });

describe('articles read model: a language the coder does not read (PostgreSQL)', () => {
  let testDb: TestDatabase;
  let streams: ArticleStreams;
  let beforeRecode: Date;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    streams = new ArticleStreams(testDb.db);
    await streams.receive(article('en-1'));
    await streams.receive(article('fr-1', { title: "L'Irak et l'Iran reprennent les négociations" }));
    await streams.run('en-1', {
      type: 'RecordCoding',
      coderVersion: '1',
      language: 'en',
      events: [coded('en-1', 'e1', 'TalksStarted', [IRAQ], [IRAN], { start: '2021-04-06', end: '2021-04-06' })],
    });
    await streams.run('fr-1', { type: 'RecordUnsupportedLanguage', coderVersion: '1', language: 'fr' });
    // a failure recorded late (a retried job) does not override it
    await streams.run('fr-1', { type: 'RecordCodingFailure', reason: 'late', attempts: 1 });
    await catchUp(testDb.db, READ_MODEL_PROJECTIONS);
    beforeRecode = await pause();
  });
  afterAll(() => testDb.drop());

  it('shows the article as unsupported-language with its language, never coded, and filters by it', async () => {
    const all = await listArticles(testDb.db, {}, page());
    expect(all.items.find((a) => a.id === 'fr-1')).toMatchObject({
      status: 'unsupported-language',
      language: 'fr',
      eventCount: 0,
      failureReason: null,
    });
    expect(all.items.find((a) => a.id === 'en-1')).toMatchObject({ status: 'coded', language: 'en', eventCount: 1 });
    expect((await listArticles(testDb.db, { status: 'unsupported-language' }, page())).items.map((a) => a.id)).toEqual([
      'fr-1',
    ]);
    expect((await listArticles(testDb.db, { status: 'coded' }, page())).items.map((a) => a.id)).toEqual(['en-1']);
    const detail = (await getArticle(testDb.db, 'fr-1'))!;
    expect(detail).toMatchObject({ status: 'unsupported-language', language: 'fr', events: [] });
    expect(detail.history.map((h) => h.type)).toEqual(['ArticleReceived', 'ArticleCoded']);
  });

  it('follows a re-code that finds a language the coder reads, and keeps what was known before', async () => {
    await streams.run('fr-1', { type: 'RequestRecode', requestedBy: 'ana@example.org' });
    await streams.run('fr-1', { type: 'RecordCoding', coderVersion: '2', language: 'en', events: [] });
    await catchUp(testDb.db, READ_MODEL_PROJECTIONS);
    expect(await getArticle(testDb.db, 'fr-1')).toMatchObject({ status: 'coded', language: 'en', coderVersion: '2' });
    expect(await getArticle(testDb.db, 'fr-1', beforeRecode)).toMatchObject({
      status: 'unsupported-language',
      language: 'fr',
      coderVersion: '1',
    });
  });
});
