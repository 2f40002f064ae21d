import type { Insertable, Selectable } from 'kysely';
import type { CodedEventRecorded } from '#domain';
import type { Database } from '#db';

export type EventRow = Selectable<Database['read_events']>;

const ids = (actors: { id: string }[]) => [...new Set(actors.map((a) => a.id))];
const countries = (actors: { country: string }[]) => [...new Set(actors.map((a) => a.country))];

/** The coded event's catalog fields as columns: jsonb to give back, flattened arrays to filter on. */
export function eventColumns(
  event: CodedEventRecorded,
): Omit<
  Insertable<Database['read_events']>,
  'version' | 'log_position' | 'status' | 'change' | 'first_recorded_at' | 'recorded_from' | 'recorded_to'
> {
  return {
    event_id: event.eventId,
    article_id: event.articleId,
    coder_version: event.coderVersion,
    type: event.type,
    agent: JSON.stringify(event.agent),
    target: JSON.stringify(event.target),
    date: JSON.stringify(event.date),
    location: event.location ? JSON.stringify(event.location) : null,
    modality: event.modality,
    evidence: JSON.stringify(event.evidence),
    attribution: event.attribution ?? null,
    confidence: event.confidence,
    cameo: event.cameo,
    goldstein: event.goldstein,
    plover: event.plover,
    links: event.links ? JSON.stringify(event.links) : null,
    caption: event.caption ?? false,
    agent_countries: countries(event.agent),
    target_countries: countries(event.target),
    agent_ids: ids(event.agent),
    target_ids: ids(event.target),
    date_start: event.date.start,
    date_end: event.date.end,
  };
}

/** Back from a row to the event as the stream contract shapes it (to apply a correction to). */
export function rowToCodedEvent(row: EventRow): CodedEventRecorded {
  return {
    eventId: row.event_id,
    articleId: row.article_id,
    coderVersion: row.coder_version,
    type: row.type as CodedEventRecorded['type'],
    agent: row.agent as CodedEventRecorded['agent'],
    target: row.target as CodedEventRecorded['target'],
    date: row.date as CodedEventRecorded['date'],
    ...(row.location != null && { location: row.location as CodedEventRecorded['location'] }),
    modality: row.modality as CodedEventRecorded['modality'],
    evidence: row.evidence as CodedEventRecorded['evidence'],
    ...(row.attribution != null && { attribution: row.attribution }),
    confidence: row.confidence,
    cameo: row.cameo,
    goldstein: row.goldstein,
    plover: row.plover as CodedEventRecorded['plover'],
    ...(row.links != null && { links: row.links as string[] }),
    ...(row.caption && { caption: true }),
  };
}
