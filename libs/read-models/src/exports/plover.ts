import {
  type Actor,
  type DateInterval,
  EVENT_TYPES,
  type EventLocation,
  type EvidenceSpan,
  isEventType,
} from '#domain';
import type { ExportRow } from './export-rows.js';

/**
 * One event as a PLOVER/POLECAT-style record: PLOVER event type and mode, actor
 * and recipient lists (names, countries, sectors), the source and the evidence.
 * Our own fields (type, modality, CAMEO, Goldstein, the date interval) ride along.
 */
export function toPloverRecord({ event, article, numArticles }: ExportRow): Record<string, unknown> {
  const agent = event.agent as Actor[];
  const target = event.target as Actor[];
  const date = event.date as DateInterval;
  return {
    event_id: event.event_id,
    event_date: date.start,
    event_date_end: date.end,
    date_precision: date.precision,
    event_type: event.plover,
    mode: isEventType(event.type) ? ((EVENT_TYPES[event.type] as { ploverMode?: string }).ploverMode ?? null) : null,
    // PLOVER's auxiliary modes: a future, hypothetical or negated event (exported only when asked for) says so.
    aux_mode: event.modality === 'asserted' ? null : event.modality,
    modality: event.modality,
    actor: agent.map((a) => a.name),
    actor_id: agent.map((a) => a.id),
    actor_country: agent.map((a) => a.country),
    actor_sector: agent.map((a) => a.sector),
    recipient: target.map((a) => a.name),
    recipient_id: target.map((a) => a.id),
    recipient_country: target.map((a) => a.country),
    recipient_sector: target.map((a) => a.sector),
    location: ploverLocation(event.location as EventLocation | null),
    source: { article_id: event.article_id, url: article.url, outlet: article.outlet, title: article.title },
    num_articles: numArticles,
    evidence: (event.evidence as EvidenceSpan[]).map((e) => ({ text: e.text, start: e.start, end: e.end })),
    attribution: event.attribution,
    confidence: event.confidence,
    newsledger_type: event.type,
    cameo: event.cameo,
    goldstein: event.goldstein,
    status: event.status,
  };
}

/** POLECAT-style geolocation: the place's name, its admin1, coordinates and how precise they are. */
function ploverLocation(location: EventLocation | null): Record<string, unknown> | null {
  if (!location) return null;
  return {
    name: location.name,
    country: location.country,
    admin1: location.region ?? null,
    admin1_code: location.regionCode ?? null,
    lat: location.lat ?? null,
    lon: location.lon ?? null,
    precision: location.precision ?? null,
    feature_id: location.placeId ?? null,
  };
}

export async function* ploverLines(rows: AsyncIterable<ExportRow>): AsyncGenerator<string> {
  for await (const row of rows) yield `${JSON.stringify(toPloverRecord(row))}\n`;
}
