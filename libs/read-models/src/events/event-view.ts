import type { Actor, DateInterval, EventLocation, EvidenceSpan } from '#domain';
import type { EventChange } from './events.projection.js';
import type { EventRow } from './event-row.js';

/** A coded event as the API gives it: the catalog's fields, its status, and its corrections. */
export interface EventView {
  eventId: string;
  articleId: string;
  type: string;
  agent: Actor[];
  target: Actor[];
  date: DateInterval;
  location: EventLocation | null;
  modality: string;
  evidence: EvidenceSpan[];
  attribution: string | null;
  confidence: number;
  cameo: string | null;
  goldstein: number | null;
  plover: string | null;
  links: string[];
  caption: boolean;
  coderVersion: string;
  status: 'active' | 'retracted';
  /** When the event was first recorded, and when this version of it was. */
  recordedAt: string;
  versionRecordedAt: string;
  /** Corrections and the retraction, oldest first, as recorded before asOf. */
  history: EventHistoryEntry[];
}

export type EventHistoryEntry = EventChange & { recordedAt: string; version: number };

export function toEventView(row: EventRow, history: EventHistoryEntry[] = []): EventView {
  return {
    eventId: row.event_id,
    articleId: row.article_id,
    type: row.type,
    agent: row.agent as Actor[],
    target: row.target as Actor[],
    date: row.date as DateInterval,
    location: (row.location as EventLocation | null) ?? null,
    modality: row.modality,
    evidence: row.evidence as EvidenceSpan[],
    attribution: row.attribution,
    confidence: row.confidence,
    cameo: row.cameo,
    goldstein: row.goldstein,
    plover: row.plover,
    links: (row.links as string[] | null) ?? [],
    caption: row.caption,
    coderVersion: row.coder_version,
    status: row.status,
    recordedAt: row.first_recorded_at.toISOString(),
    versionRecordedAt: row.recorded_from.toISOString(),
    history,
  };
}
