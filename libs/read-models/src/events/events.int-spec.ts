import { sql } from 'kysely';
import { type TestDatabase, createTestDatabase } from '#db/testing/test-database';
import { getArticle, listArticles } from '../articles/articles.queries.js';
import { READ_MODEL_PROJECTIONS } from '../projections.js';
import { decodeCursor } from '../shared/page.js';
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
import { timeline, timelineHistogram } from '../timeline/timeline.queries.js';
import { listEvents } from './events.queries.js';

const page = (extra: Partial<{ limit: number; offset: number; asOf: Date }> = {}) => ({
  limit: 50,
  offset: 0,
  ...extra,
});

describe('articles and events read models (PostgreSQL)', () => {
  let testDb: TestDatabase;
  let streams: ArticleStreams;
  let beforeCorrection: Date;
  let beforeRetraction: Date;
  let beforeAnything: Date;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    streams = new ArticleStreams(testDb.db);
    beforeAnything = await pause();
    await streams.receive(article('a1', { title: 'Kadhimi sends letter to Tehran', outlet: 'Shafaq' }));
    await streams.receive(article('a2', { title: 'US extends Iraq waiver', outlet: 'Reuters' }));
    await streams.receive(article('a3', { title: 'Nothing to code here', outlet: 'Reuters' }));
    await streams.code('a1', [
      coded('a1', 'e-letter', 'LetterSent', [KADHIMI], [IRAN], { start: '2021-03-29', end: '2021-04-04' }),
      coded(
        'a1',
        'e-demand',
        'DemandIssued',
        [KADHIMI],
        [IRAN],
        { start: '2021-03-29', end: '2021-04-04' },
        { modality: 'asserted' },
      ),
    ]);
    await streams.code('a2', [
      coded('a2', 'e-waiver', 'WaiverGranted', [USA], [IRAQ], { start: '2021-03-26', end: '2021-03-26' }),
    ]);
    await streams.run('a3', { type: 'RecordCodingFailure', reason: 'timeout', attempts: 3 });
    beforeCorrection = await pause();
    await streams.run('a1', {
      type: 'CorrectEvent',
      eventId: 'e-demand',
      changes: { modality: 'future' },
      reason: 'the demand is announced for next week',
      by: 'ana@example.org',
    });
    beforeRetraction = await pause();
    await streams.run('a1', {
      type: 'RetractEvent',
      eventId: 'e-letter',
      reason: 'photo caption',
      by: 'ana@example.org',
    });
    await catchUp(testDb.db, READ_MODEL_PROJECTIONS);
  });
  afterAll(() => testDb.drop());

  it('lists articles with status, counts and filters', async () => {
    const all = await listArticles(testDb.db, {}, page());
    expect(all.items.map((a) => a.id)).toEqual(['a3', 'a2', 'a1']);
    const a1 = all.items.find((a) => a.id === 'a1')!;
    // e-demand was corrected to future: it did not happen (yet), so it is not counted as an event of the article.
    expect(a1).toMatchObject({
      status: 'coded',
      coderVersion: '1',
      eventCount: 0,
      otherModalityEventCount: 1,
      retractedEventCount: 1,
      outlet: 'Shafaq',
    });
    expect(all.total).toBe(3);
    expect(all.items.find((a) => a.id === 'a3')).toMatchObject({
      status: 'failed',
      failureReason: 'timeout',
      eventCount: 0,
    });
    expect((await listArticles(testDb.db, { status: 'coded' }, page())).items.map((a) => a.id)).toEqual(['a2', 'a1']);
    expect((await listArticles(testDb.db, { outlet: 'Reuters' }, page())).items.map((a) => a.id)).toEqual(['a3', 'a2']);
    // Full-text over title and text: every text here mentions the waiver, the title that does ranks first.
    const waiver = await listArticles(testDb.db, { q: 'WAIVER' }, page());
    expect(waiver.items[0]!.id).toBe('a2');
    expect(waiver.total).toBe(3);
    expect((await listArticles(testDb.db, { q: 'Tehran' }, page())).items[0]!.id).toBe('a1');
    expect((await listArticles(testDb.db, { q: 'elephants' }, page())).total).toBe(0);
  });

  it('paginates with a cursor pinned to the time of the first page', async () => {
    const first = await listArticles(testDb.db, {}, page({ limit: 2 }));
    expect(first.items).toHaveLength(2);
    const cursor = decodeCursor(first.next!)!;
    expect(cursor.offset).toBe(2);
    await streams.receive(article('a-late'));
    await catchUp(testDb.db, READ_MODEL_PROJECTIONS);
    const second = await listArticles(testDb.db, {}, page({ limit: 2, offset: cursor.offset, asOf: cursor.asOf }));
    expect(second.items.map((a) => a.id)).toEqual(['a1']);
    expect(second.next).toBeNull();
  });

  it('gives an article with its events (evidence, status, corrections) and its stream history', async () => {
    expect((await getArticle(testDb.db, 'a1'))!.events.map((e) => e.eventId)).toEqual(['e-letter']);
    const a1 = (await getArticle(testDb.db, 'a1', undefined, 'all'))!;
    expect(a1).toMatchObject({
      id: 'a1',
      status: 'coded',
      title: 'Kadhimi sends letter to Tehran',
      publishedAt: '2021-04-07',
    });
    expect(a1.text).toContain('strongly worded letter');
    expect(a1.events.map((e) => [e.eventId, e.status, e.modality])).toEqual([
      ['e-letter', 'retracted', 'asserted'],
      ['e-demand', 'active', 'future'],
    ]);
    const demand = a1.events[1]!;
    expect(demand.evidence[0]).toEqual({ start: 0, end: 10, text: 'Iraqi Prim' });
    expect(demand.history).toEqual([
      expect.objectContaining({
        kind: 'correction',
        changes: { modality: 'future' },
        by: 'ana@example.org',
        version: 2,
      }),
    ]);
    expect(a1.history.map((h) => h.type)).toEqual([
      'ArticleReceived',
      'ArticleCoded',
      'LetterSent',
      'DemandIssued',
      'EventCorrected',
      'EventRetracted',
    ]);
    expect(a1.history[0]).toMatchObject({ by: 'webhook:test' });
    expect(a1.history[5]).toMatchObject({ subject: 'e-letter', by: 'ana@example.org', reason: 'photo caption' });
    expect(await getArticle(testDb.db, 'nope')).toBeUndefined();
  });

  it('answers as recorded before a time: before the correction, before the retraction, before anything', async () => {
    const early = (await getArticle(testDb.db, 'a1', beforeCorrection, 'all'))!;
    expect(early.events.map((e) => [e.eventId, e.status, e.modality, e.history.length])).toEqual([
      ['e-letter', 'active', 'asserted', 0],
      ['e-demand', 'active', 'asserted', 0],
    ]);
    expect(early.history.map((h) => h.type)).toEqual(['ArticleReceived', 'ArticleCoded', 'LetterSent', 'DemandIssued']);
    expect(early.eventCount).toBe(2);

    const middle = (await getArticle(testDb.db, 'a1', beforeRetraction, ['asserted', 'future']))!;
    expect(middle.events.map((e) => [e.eventId, e.status, e.modality])).toEqual([
      ['e-letter', 'active', 'asserted'],
      ['e-demand', 'active', 'future'],
    ]);
    expect(
      (await listEvents(testDb.db, { modality: ['future'] }, page({ asOf: beforeCorrection }))).items,
    ).toHaveLength(0);
    expect(
      (await listEvents(testDb.db, { modality: ['future'] }, page({ asOf: beforeRetraction }))).items,
    ).toHaveLength(1);
    expect(await getArticle(testDb.db, 'a1', beforeAnything)).toBeUndefined();
    expect((await listArticles(testDb.db, {}, page({ asOf: beforeAnything }))).items).toEqual([]);
  });

  it('filters events by type, country (either side, agent, target), actor, date range, modality and status', async () => {
    const ids = async (filters: Parameters<typeof listEvents>[1]) =>
      (await listEvents(testDb.db, filters, page())).items.map((e) => e.eventId).sort();
    // By default only what happened: e-demand is future since its correction.
    expect(await ids({})).toEqual(['e-waiver']);
    expect(await ids({ modality: 'all' })).toEqual(['e-demand', 'e-waiver']);
    expect(await ids({ status: 'all' })).toEqual(['e-letter', 'e-waiver']);
    expect(await ids({ status: 'all', modality: 'all' })).toEqual(['e-demand', 'e-letter', 'e-waiver']);
    expect(await ids({ status: 'retracted' })).toEqual(['e-letter']);
    expect(await ids({ types: ['WaiverGranted'] })).toEqual(['e-waiver']);
    expect(await ids({ country: 'IRQ', modality: 'all' })).toEqual(['e-demand', 'e-waiver']);
    expect(await ids({ agentCountry: 'IRQ', modality: 'all' })).toEqual(['e-demand']);
    expect(await ids({ agentCountry: 'IRQ' })).toEqual([]);
    expect(await ids({ targetCountry: 'IRQ' })).toEqual(['e-waiver']);
    expect(await ids({ actor: 'mustafa-al-kadhimi', modality: 'all' })).toEqual(['e-demand']);
    expect(await ids({ from: '2021-03-27', modality: 'all' })).toEqual(['e-demand']);
    expect(await ids({ to: '2021-03-28' })).toEqual(['e-waiver']);
    expect(await ids({ from: '2021-03-26', to: '2021-03-26', status: 'all' })).toEqual(['e-waiver']);
    expect(await ids({ modality: ['future'] })).toEqual(['e-demand']);
  });

  it('orders the timeline by occurrence date', async () => {
    const t = await timeline(testDb.db, { status: 'all', modality: 'all' }, page());
    expect(t.items.map((e) => [e.eventId, e.date.start])).toEqual([
      ['e-waiver', '2021-03-26'],
      ['e-letter', '2021-03-29'],
      ['e-demand', '2021-03-29'],
    ]);
    expect(t.total).toBe(3);
    const paged = await timeline(testDb.db, { status: 'all', modality: 'all' }, page({ limit: 1, offset: 1 }));
    expect(paged.items.map((e) => e.eventId)).toEqual(['e-letter']);
    expect(paged).toMatchObject({ total: 3, offset: 1 });
    expect(decodeCursor(paged.next!)!.offset).toBe(2);
    expect(decodeCursor(paged.prev!)!.offset).toBe(0);
    expect(decodeCursor(paged.last!)!.offset).toBe(2);
    expect((await timeline(testDb.db, { status: 'all' }, page())).items.map((e) => e.eventId)).toEqual([
      'e-waiver',
      'e-letter',
    ]);
  });

  it('counts events per period over every match, empty periods as zeros', async () => {
    const days = await timelineHistogram(testDb.db, { status: 'all', modality: 'all' }, 'day');
    expect(days.buckets).toEqual([
      { start: '2021-03-26', events: 1 },
      { start: '2021-03-27', events: 0 },
      { start: '2021-03-28', events: 0 },
      { start: '2021-03-29', events: 2 },
    ]);
    expect((await timelineHistogram(testDb.db, {})).buckets).toEqual([{ start: '2021-03-26', events: 1 }]);
    expect((await timelineHistogram(testDb.db, { types: ['ElectionHeld'] })).buckets).toEqual([]);
  });

  it('is idempotent under replay: a reset checkpoint reprocesses the log into the same rows', async () => {
    const snapshot = async () => ({
      states: await testDb.db
        .selectFrom('read_article_states')
        .selectAll()
        .orderBy('article_id')
        .orderBy('version')
        .execute(),
      events: await testDb.db.selectFrom('read_events').selectAll().orderBy('event_id').orderBy('version').execute(),
    });
    const before = await snapshot();
    await sql`delete from consumer_checkpoints`.execute(testDb.db);
    await catchUp(testDb.db, READ_MODEL_PROJECTIONS);
    expect(await snapshot()).toEqual(before);
  });
});
