import type { Db } from '#db';
import { type EventFilters, selectEvents } from '../events/event-filters.js';
import type { EventRow } from '../events/event-row.js';
import { withHistory } from '../events/events.queries.js';
import type { EventView } from '../events/event-view.js';
import { type Page, type PageRequest, toPage } from '../shared/page.js';

/**
 * The timeline is a view of the events read model ordered by when things happened
 * (the resolved date interval), not by when they were reported; asOf stays a
 * WHERE clause on the same versions.
 */
export async function timeline(db: Db, filters: EventFilters, page: PageRequest & { order?: 'asc' | 'desc' }): Promise<Page<EventView>> {
  const pinned = new Date();
  const order = page.order ?? 'asc';
  const rows = (await selectEvents(db, { ...filters, asOf: page.asOf })
    .selectAll('e')
    .orderBy('e.date_start', order)
    .orderBy('e.date_end', order)
    .orderBy('e.log_position', order)
    .orderBy('e.event_id')
    .limit(page.limit + 1)
    .offset(page.offset)
    .execute()) as EventRow[];
  return toPage(await withHistory(db, rows, page.asOf), page, pinned);
}
