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

/**
 * One page of a filtered events query in the given order: the page's ids
 * first (a narrow sort, however deep the offset), then their rows. Sorting the
 * wide rows themselves to skip 85,000 of them spilled 85 MB to disk.
 */
export async function pageOfEvents(
  db: Db,
  matching: EventsQuery,
  order: (query: EventsQuery) => EventsQuery,
  page: PageRequest,
): Promise<{ rows: EventRow[]; total: number }> {
  const [keys, total] = await Promise.all([
    order(matching)
      .select('e.event_id')
      .limit(page.limit + 1)
      .offset(page.offset)
      .execute() as Promise<{ event_id: string }[]>,
    countEvents(matching),
  ]);
  const ids = keys.map((k) => k.event_id);
  if (ids.length === 0) return { rows: [], total };
  const rows = (await selectEvents(db, { status: 'all', modality: 'all', asOf: page.asOf })
    .selectAll('e')
    .where('e.event_id', 'in', ids)
    .execute()) as EventRow[];
  const byId = new Map(rows.map((r) => [r.event_id, r]));
  return { rows: ids.map((id) => byId.get(id)!).filter(Boolean), total };
}

/** Events as recorded before asOf, newest recorded first. */
export async function listEvents(db: Db, filters: EventFilters, page: PageRequest): Promise<Page<EventView>> {
  const pinned = new Date();
  const matching = selectEvents(db, { ...filters, asOf: page.asOf });
  const { rows, total } = await pageOfEvents(
    db,
    matching,
    (q) => q.orderBy('e.log_position', 'desc').orderBy('e.event_id'),
    page,
  );
  return toPage(await withHistory(db, rows, page.asOf), page, pinned, total);
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
export async function eventsOfArticle(
  db: Db,
  articleId: string,
  asOf?: Date,
  modality?: ModalityFilter,
): Promise<EventView[]> {
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
    .where(
      'event_id',
      'in',
      rows.map((r) => r.event_id),
    )
    .where('change', 'is not', null)
    .orderBy('event_id')
    .orderBy('version');
  if (asOf) query = query.where('recorded_from', '<', asOf);
  const history = new Map<string, EventHistoryEntry[]>();
  for (const version of await query.execute()) {
    const entries = history.get(version.event_id) ?? [];
    entries.push({
      ...(version.change as EventChange),
      recordedAt: version.recorded_from.toISOString(),
      version: version.version,
    });
    history.set(version.event_id, entries);
  }
  return rows.map((row) => toEventView(row, history.get(row.event_id)));
}
