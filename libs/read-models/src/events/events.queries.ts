import { sql } from 'kysely';
import type { Db } from '#db';
import { type Page, type PageRequest, toPage } from '../shared/page.js';
import { type EventFilters, type EventsQuery, type ModalityFilter, selectEvents } from './event-filters.js';
import type { EventRow } from './event-row.js';
import type { EventChange } from './events.projection.js';
import { type EventHistoryEntry, type EventView, toEventView } from './event-view.js';

/** How many rows a filtered events query matches in all (the `total` of its pages). */
export async function countEvents(query: EventsQuery): Promise<number> {
  const row = await query.select(sql<string>`count(*)`.as('n')).executeTakeFirst();
  return Number((row as { n?: string } | undefined)?.n ?? 0);
}

/** Events as recorded before asOf, newest recorded first. */
export async function listEvents(db: Db, filters: EventFilters, page: PageRequest): Promise<Page<EventView>> {
  const pinned = new Date();
  const matching = selectEvents(db, { ...filters, asOf: page.asOf });
  const [rows, total] = await Promise.all([
    matching.selectAll('e').orderBy('e.log_position', 'desc').orderBy('e.event_id').limit(page.limit + 1).offset(page.offset).execute(),
    countEvents(matching),
  ]);
  const views = await withHistory(db, rows as EventRow[], page.asOf);
  return toPage(views, page, pinned, total);
}

/** One event (whatever its modality or status) as recorded before asOf; undefined when unknown then. */
export async function getEvent(db: Db, eventId: string, asOf?: Date): Promise<EventView | undefined> {
  const row = (await selectEvents(db, { status: 'all', modality: 'all', asOf })
    .selectAll('e')
    .where('e.event_id', '=', eventId)
    .executeTakeFirst()) as EventRow | undefined;
  if (!row) return undefined;
  const [view] = await withHistory(db, [row], asOf);
  return view;
}

/** Every event of one article (any status) with these modalities, in the order the coder produced them. */
export async function eventsOfArticle(db: Db, articleId: string, asOf?: Date, modality?: ModalityFilter): Promise<EventView[]> {
  const rows = (await selectEvents(db, { articleId, status: 'all', asOf, ...(modality && { modality }) })
    .selectAll('e')
    .orderBy('e.log_position')
    .execute()) as EventRow[];
  return withHistory(db, rows, asOf);
}

/** Adds each event's corrections and retraction (the versions that carry a change) up to asOf. */
export async function withHistory(db: Db, rows: EventRow[], asOf?: Date): Promise<EventView[]> {
  if (rows.length === 0) return [];
  let query = db
    .selectFrom('read_events')
    .select(['event_id', 'version', 'change', 'recorded_from'])
    .where('event_id', 'in', rows.map((r) => r.event_id))
    .where('change', 'is not', null)
    .orderBy('event_id')
    .orderBy('version');
  if (asOf) query = query.where('recorded_from', '<', asOf);
  const history = new Map<string, EventHistoryEntry[]>();
  for (const version of await query.execute()) {
    const entries = history.get(version.event_id) ?? [];
    entries.push({ ...(version.change as EventChange), recordedAt: version.recorded_from.toISOString(), version: version.version });
    history.set(version.event_id, entries);
  }
  return rows.map((row) => toEventView(row, history.get(row.event_id)));
}
