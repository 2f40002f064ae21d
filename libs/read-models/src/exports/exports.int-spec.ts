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
    await streams.code(
      'big',
      Array.from({ length: 520 }, (_, i) =>
        coded('big', `e-${String(i).padStart(3, '0')}`, 'ThreatIssued', [i === 0 ? quoted : IRAQ], [USA], {
          start: '2021-04-01',
          end: '2021-04-01',
        }),
      ),
    );
    beforeSecond = await pause();
    await streams.receive(article('small'));
    await streams.code('small', [
      coded('small', 'later', 'WaiverGranted', [USA], [IRAQ], { start: '2021-03-26', end: '2021-03-26' }),
    ]);
    // An attack that was denied and one that was only threatened, in Baghdad (coordinates from the gazetteer).
    await streams.receive(article('denied'));
    const baghdad = {
      name: 'Baghdad',
      country: 'IRQ',
      lat: 33.34058,
      lon: 44.40088,
      precision: 'city' as const,
      region: 'Baghdad',
      regionCode: 'IQ-BG',
      placeId: 'city:1',
    };
    await streams.code('denied', [
      coded(
        'denied',
        'no-attack',
        'AttackCarriedOut',
        [IRAQ],
        [USA],
        { start: '2021-04-02', end: '2021-04-02' },
        { modality: 'negated', location: baghdad },
      ),
      coded(
        'denied',
        'if-attack',
        'AttackCarriedOut',
        [IRAQ],
        [USA],
        { start: '2021-04-03', end: '2021-04-03' },
        { modality: 'hypothetical' },
      ),
    ]);
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

  it("writes CSV that quotes commas and quotes, and counts an incident's articles", async () => {
    const [header, first] = await collect(gdeltCsvLines(exportRows(testDb.db, { actor: 'group-x' })));
    expect(header!.startsWith('GlobalEventID,Day,MonthYear,Year,Actor1Code,Actor1Name')).toBe(true);
    expect(first).toContain(',"Group ""X"", the militia",IRQ,REB,');
    // All 520 threats of one article are one incident: one article, one outlet.
    expect(first).toMatch(/,1,1,,,,,,,,\d{14},https:\/\/news\.example\.org\/big,ThreatIssued,/);
  });

  it('leaves out what did not happen unless asked, and then gives it no conflict code unless asked again', async () => {
    const plover = async (filters: Parameters<typeof exportRows>[1]) =>
      (await collect(ploverLines(exportRows(testDb.db, filters)))).map((l) => JSON.parse(l));
    expect((await plover({ types: ['AttackCarriedOut'] })).length).toBe(0);
    const all = await plover({ types: ['AttackCarriedOut'], modality: 'all' });
    expect(all.map((r) => [r.event_id, r.aux_mode, r.modality])).toEqual([
      ['no-attack', 'negated', 'negated'],
      ['if-attack', 'hypothetical', 'hypothetical'],
    ]);
    expect(all[0].location).toEqual({
      name: 'Baghdad',
      country: 'IRQ',
      admin1: 'Baghdad',
      admin1_code: 'IQ-BG',
      lat: 33.34058,
      lon: 44.40088,
      precision: 'city',
      feature_id: 'city:1',
    });

    const csv = async (filters: Parameters<typeof exportRows>[1], codesForAllModalities = false) => {
      const [header, ...rows] = await collect(gdeltCsvLines(exportRows(testDb.db, filters), { codesForAllModalities }));
      const columns = header!.trim().split(',');
      return rows.map((row) =>
        Object.fromEntries(
          row
            .trim()
            .split(',')
            .map((value, i) => [columns[i], value]),
        ),
      );
    };
    const [denied] = await csv({ types: ['AttackCarriedOut'], modality: ['negated'] });
    expect(denied).toMatchObject({
      GlobalEventID: 'no-attack',
      EventCode: '',
      EventRootCode: '',
      QuadClass: '',
      GoldsteinScale: '',
      Modality: 'negated',
    });
    expect(denied).toMatchObject({
      ActionGeo_Type: '4',
      ActionGeo_FullName: 'Baghdad',
      ActionGeo_CountryCode: 'IRQ',
      ActionGeo_ADM1Code: 'IQ-BG',
      ActionGeo_Lat: '33.34058',
      ActionGeo_Long: '44.40088',
    });
    const [coded190] = await csv({ types: ['AttackCarriedOut'], modality: ['negated'] }, true);
    expect(coded190).toMatchObject({ EventCode: '190', GoldsteinScale: '-10', QuadClass: '4' });
    expect((await csv({})).map((r) => r.Modality)).not.toContain('negated');
  });
});
