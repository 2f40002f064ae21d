import type { EventChange } from './events.projection.js';
import type { EventRow } from './event-row.js';
import type { EventView } from './event-view.schema.js';

export type { EventView } from './event-view.schema.js';
export type EventHistoryEntry = EventChange & { recordedAt: string; version: number };

export function toEventView(row: EventRow, history: EventHistoryEntry[] = []): EventView {
  return {
    eventId: row.event_id,
    articleId: row.article_id,
    type: row.type as EventView['type'],
    agent: row.agent as EventView['agent'],
    target: row.target as EventView['target'],
    date: row.date as EventView['date'],
    location: (row.location as EventView['location']) ?? null,
    modality: row.modality as EventView['modality'],
    evidence: row.evidence as EventView['evidence'],
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
