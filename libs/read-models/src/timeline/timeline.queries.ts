import { sql } from 'kysely';
import type { Db } from '#db';
import { type EventFilters, selectEvents } from '../events/event-filters.js';
import type { EventRow } from '../events/event-row.js';
import { countEvents, withHistory } from '../events/events.queries.js';
import type { EventView } from '../events/event-view.js';
import { type Page, type PageRequest, toPage } from '../shared/page.js';
import type { HistogramBucket, HistogramInterval } from './timeline.schema.js';

/**
 * The timeline is a view of the events read model ordered by when things happened
 * (the resolved date interval), not by when they were reported; asOf stays a
 * WHERE clause on the same versions.
 */
export async function timeline(db: Db, filters: EventFilters, page: PageRequest & { order?: 'asc' | 'desc' }): Promise<Page<EventView>> {
  const pinned = new Date();
  const order = page.order ?? 'asc';
  const matching = selectEvents(db, { ...filters, asOf: page.asOf });
  const [rows, total] = await Promise.all([
    matching
      .selectAll('e')
      .orderBy('e.date_start', order)
      .orderBy('e.date_end', order)
      .orderBy('e.log_position', order)
      .orderBy('e.event_id')
      .limit(page.limit + 1)
      .offset(page.offset)
      .execute(),
    countEvents(matching),
  ]);
  return toPage(await withHistory(db, rows as EventRow[], page.asOf), page, pinned, total);
}

/** More buckets than a chart can show is a question nobody asked. */
const MAX_BUCKETS = 2_000;

/**
 * Events per day, week, month or year of their start date, over every matching
 * event (not one page of them), with the empty periods in between as zeros:
 * a quiet month is information, and a histogram that skips it lies.
 */
export async function timelineHistogram(db: Db, filters: EventFilters, interval?: HistogramInterval): Promise<{ interval: HistogramInterval; buckets: HistogramBucket[] }> {
  const matching = selectEvents(db, filters);
  const span = await matching
    .select([sql<string>`to_char(min(e.date_start), 'YYYY-MM-DD')`.as('first'), sql<string>`to_char(max(e.date_start), 'YYYY-MM-DD')`.as('last')])
    .executeTakeFirst();
  const first = (span as { first: string | null } | undefined)?.first;
  const last = (span as { last: string | null } | undefined)?.last;
  if (!first || !last) return { interval: interval ?? 'month', buckets: [] };
  const days = (Date.parse(last) - Date.parse(first)) / 86_400_000;
  const chosen: HistogramInterval = interval ?? (days <= 62 ? 'day' : days <= 730 ? 'week' : days <= 365 * 30 ? 'month' : 'year');
  const unit = sql.lit(chosen);
  const step = sql.lit(`1 ${chosen}`);
  const { rows } = await sql<{ bucket: string; events: string }>`
    with ev as (${matching.select(sql`date_trunc(${unit}, e.date_start)::date`.as('bucket'))}),
    series as (
      select generate_series(date_trunc(${unit}, ${first}::date), date_trunc(${unit}, ${last}::date), ${step}::interval)::date as bucket
      limit ${MAX_BUCKETS})
    select to_char(s.bucket, 'YYYY-MM-DD') as bucket, count(ev.bucket) as events
    from series s left join ev on ev.bucket = s.bucket
    group by s.bucket order by s.bucket`.execute(db);
  return { interval: chosen, buckets: rows.map((r) => ({ start: r.bucket, events: Number(r.events) })) };
}
