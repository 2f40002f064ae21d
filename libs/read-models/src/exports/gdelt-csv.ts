import { type Actor, type DateInterval, type EventLocation, type EvidenceSpan, type QuadClass, isEventType, quadClass } from '#domain';
import type { ExportRow } from './export-rows.js';

/**
 * GDELT 2.0 event-table-like columns, so our events load beside theirs. One actor
 * per side as in GDELT (the first we coded; the others are in the JSONL export).
 * Country codes are ISO alpha-3 (GDELT's Actor*CountryCode is CAMEO's, also
 * three letters; ActionGeo_CountryCode here is ISO too, not FIPS).
 */
export const GDELT_COLUMNS = [
  'GlobalEventID', 'Day', 'MonthYear', 'Year',
  'Actor1Code', 'Actor1Name', 'Actor1CountryCode', 'Actor1Type1Code',
  'Actor2Code', 'Actor2Name', 'Actor2CountryCode', 'Actor2Type1Code',
  'IsRootEvent', 'EventCode', 'EventBaseCode', 'EventRootCode', 'QuadClass', 'GoldsteinScale',
  'NumMentions', 'NumSources', 'NumArticles',
  'ActionGeo_FullName', 'ActionGeo_CountryCode',
  'DATEADDED', 'SOURCEURL',
  'EventType', 'Modality', 'DateEnd', 'DatePrecision', 'ArticleID', 'Status',
] as const;

const QUAD: Record<QuadClass, string> = { 'verbal-cooperation': '1', 'material-cooperation': '2', 'verbal-conflict': '3', 'material-conflict': '4', other: '' };

const cell = (value: unknown): string => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export function toGdeltRow({ event, article, numArticles, numSources }: ExportRow): string[] {
  const a1 = (event.agent as Actor[])[0];
  const a2 = (event.target as Actor[])[0];
  const date = event.date as DateInterval;
  const location = event.location as EventLocation | null;
  const day = date.start.replaceAll('-', '');
  const cameo = event.cameo ?? '';
  return [
    event.event_id, day, day.slice(0, 6), day.slice(0, 4),
    a1?.id, a1?.name, a1?.country, a1?.sector,
    a2?.id, a2?.name, a2?.country, a2?.sector,
    '1', cameo, cameo.slice(0, 3), cameo.slice(0, 2), isEventType(event.type) ? QUAD[quadClass(event.type)] : '', event.goldstein ?? '',
    (event.evidence as EvidenceSpan[]).length, numSources, numArticles,
    location?.name, location?.country,
    event.first_recorded_at.toISOString().replace(/[-:T]/g, '').slice(0, 14), article.url,
    event.type, event.modality, date.end, date.precision, event.article_id, event.status,
  ].map(cell);
}

export async function* gdeltCsvLines(rows: AsyncIterable<ExportRow>): AsyncGenerator<string> {
  yield `${GDELT_COLUMNS.join(',')}\n`;
  for await (const row of rows) yield `${toGdeltRow(row).join(',')}\n`;
}
