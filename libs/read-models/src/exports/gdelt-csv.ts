import {
  type Actor,
  type DateInterval,
  type EventLocation,
  type EvidenceSpan,
  type QuadClass,
  isEventType,
  quadClass,
} from '#domain';
import type { ExportRow } from './export-rows.js';

/**
 * GDELT 2.0 event-table-like columns, so our events load beside theirs. One actor
 * per side as in GDELT (the first we coded; the others are in the JSONL export).
 * Country codes are ISO alpha-3 (GDELT's Actor*CountryCode is CAMEO's, also
 * three letters; ActionGeo_CountryCode here is ISO too, not FIPS, and
 * ActionGeo_ADM1Code is ISO 3166-2). ActionGeo_Type follows GDELT: 1 country,
 * 4 city, 5 first-level region (GDELT's 2 and 3 for US states and cities are
 * not used); ActionGeo_FeatureID is the gazetteer's place id.
 *
 * An event that did not happen (future, hypothetical, negated) is in the file
 * only when asked for (`modality=`), and even then carries no conflict code:
 * EventCode, QuadClass and GoldsteinScale stay empty, so nothing that sums
 * Goldstein scores counts a denied attack, unless `codes=all` asks for them.
 */
export const GDELT_COLUMNS = [
  'GlobalEventID',
  'Day',
  'MonthYear',
  'Year',
  'Actor1Code',
  'Actor1Name',
  'Actor1CountryCode',
  'Actor1Type1Code',
  'Actor2Code',
  'Actor2Name',
  'Actor2CountryCode',
  'Actor2Type1Code',
  'IsRootEvent',
  'EventCode',
  'EventBaseCode',
  'EventRootCode',
  'QuadClass',
  'GoldsteinScale',
  'NumMentions',
  'NumSources',
  'NumArticles',
  'ActionGeo_Type',
  'ActionGeo_FullName',
  'ActionGeo_CountryCode',
  'ActionGeo_ADM1Code',
  'ActionGeo_Lat',
  'ActionGeo_Long',
  'ActionGeo_FeatureID',
  'DATEADDED',
  'SOURCEURL',
  'EventType',
  'Modality',
  'DateEnd',
  'DatePrecision',
  'ArticleID',
  'Status',
] as const;

const GEO_TYPE = { country: '1', city: '4', region: '5' } as const;

export interface CsvOptions {
  /** Give non-asserted events their CAMEO code, quad class and Goldstein score too. */
  codesForAllModalities?: boolean;
}

const QUAD: Record<QuadClass, string> = {
  'verbal-cooperation': '1',
  'material-cooperation': '2',
  'verbal-conflict': '3',
  'material-conflict': '4',
  other: '',
};

const cell = (value: unknown): string => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export function toGdeltRow({ event, article, numArticles, numSources }: ExportRow, options: CsvOptions = {}): string[] {
  const a1 = (event.agent as Actor[])[0];
  const a2 = (event.target as Actor[])[0];
  const date = event.date as DateInterval;
  const location = event.location as EventLocation | null;
  const day = date.start.replaceAll('-', '');
  const coded = event.modality === 'asserted' || options.codesForAllModalities === true;
  const cameo = coded ? (event.cameo ?? '') : '';
  return [
    event.event_id,
    day,
    day.slice(0, 6),
    day.slice(0, 4),
    a1?.id,
    a1?.name,
    a1?.country,
    a1?.sector,
    a2?.id,
    a2?.name,
    a2?.country,
    a2?.sector,
    '1',
    cameo,
    cameo.slice(0, 3),
    cameo.slice(0, 2),
    coded && isEventType(event.type) ? QUAD[quadClass(event.type)] : '',
    coded ? (event.goldstein ?? '') : '',
    (event.evidence as EvidenceSpan[]).length,
    numSources,
    numArticles,
    location?.precision ? GEO_TYPE[location.precision] : '',
    location?.name,
    location?.country,
    location?.regionCode,
    location?.lat,
    location?.lon,
    location?.placeId,
    event.first_recorded_at.toISOString().replace(/[-:T]/g, '').slice(0, 14),
    article.url,
    event.type,
    event.modality,
    date.end,
    date.precision,
    event.article_id,
    event.status,
  ].map(cell);
}

/** The header comes after the first row was read, so a refused query fails before any byte is sent. */
export async function* gdeltCsvLines(rows: AsyncIterable<ExportRow>, options: CsvOptions = {}): AsyncGenerator<string> {
  const iterator = rows[Symbol.asyncIterator]();
  let next = await iterator.next();
  yield `${GDELT_COLUMNS.join(',')}\n`;
  while (!next.done) {
    yield `${toGdeltRow(next.value, options).join(',')}\n`;
    next = await iterator.next();
  }
}
