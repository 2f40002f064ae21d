import { type TestDatabase, createTestDatabase } from '#db/testing/test-database';
import { READ_MODEL_PROJECTIONS } from '../projections.js';
import { ArticleStreams, IRAQ, USA, actor, article, catchUp, coded, pause } from '../testing/article-streams.js';
import { exportRows } from './export-rows.js';
import { gdeltCsvLines } from './gdelt-csv.js';
import { ploverLines } from './plover.js';

const collect = async (lines: AsyncIterable<string>) => {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
};

describe('exports (PostgreSQL)', () => {
  let testDb: TestDatabase;
  let beforeSecond: Date;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    const streams = new ArticleStreams(testDb.db);
    await streams.receive(article('big'));
    // More than one batch (500), to cross a keyset page boundary.
    const quoted = actor('group-x', 'IRQ', 'Group "X", the militia', 'REB');
    await streams.code('big', Array.from({ length: 520 }, (_, i) => coded('big', `e-${String(i).padStart(3, '0')}`, 'ThreatIssued', [i === 0 ? quoted : IRAQ], [USA], { start: '2021-04-01', end: '2021-04-01' })));
    beforeSecond = await pause();
    await streams.receive(article('small'));
    await streams.code('small', [coded('small', 'later', 'WaiverGranted', [USA], [IRAQ], { start: '2021-03-26', end: '2021-03-26' })]);
    await catchUp(testDb.db, READ_MODEL_PROJECTIONS);
  });
  afterAll(() => testDb.drop());

  it('streams every event across batches, once each, as of the time asked', async () => {
    const lines = await collect(ploverLines(exportRows(testDb.db, {})));
    expect(lines).toHaveLength(521);
    expect(new Set(lines.map((l) => JSON.parse(l).event_id)).size).toBe(521);
    expect(await collect(ploverLines(exportRows(testDb.db, { asOf: beforeSecond })))).toHaveLength(520);
    expect(await collect(ploverLines(exportRows(testDb.db, { types: ['WaiverGranted'] })))).toHaveLength(1);
  });

  it('writes CSV that quotes commas and quotes, and counts an incident\'s articles', async () => {
    const [header, first] = await collect(gdeltCsvLines(exportRows(testDb.db, { actor: 'group-x' })));
    expect(header!.startsWith('GlobalEventID,Day,MonthYear,Year,Actor1Code,Actor1Name')).toBe(true);
    expect(first).toContain(',"Group ""X"", the militia",IRQ,REB,');
    // All 520 threats of one article are one incident: one article, one outlet.
    expect(first).toMatch(/,1,1,,,\d{14},https:\/\/news\.example\.org\/big,ThreatIssued,/);
  });
});
