import { sql } from 'kysely';
import type { Db } from '#db';
import { type EventFilters, selectEvents } from '../events/event-filters.js';
import { pageOfEvents, withHistory } from '../events/events.queries.js';
import type { EventView } from '../events/event-view.js';
import { type Page, type PageRequest, toPage } from '../shared/page.js';
import type { HistogramBucket, HistogramInterval } from './timeline.schema.js';

/**
 * The timeline is a view of the events read model ordered by when things happened
 * (the resolved date interval), not by when they were reported; asOf stays a
 * WHERE clause on the same versions.
 */
export async function timeline(
  db: Db,
  filters: EventFilters,
  page: PageRequest & { order?: 'asc' | 'desc' },
): Promise<Page<EventView>> {
  const pinned = new Date();
  const order = page.order ?? 'asc';
  const matching = selectEvents(db, { ...filters, asOf: page.asOf });
  const { rows, total } = await pageOfEvents(
    db,
    matching,
    (q) =>
      q
        .orderBy('e.date_start', order)
        .orderBy('e.date_end', order)
        .orderBy('e.log_position', order)
        .orderBy('e.event_id'),
    page,
  );
  return toPage(await withHistory(db, rows, page.asOf), page, pinned, total);
}

/** More buckets than a chart can show is a question nobody asked. */
const MAX_BUCKETS = 2_000;

/**
 * Events per day, week, month or year of their start date, over every matching
 * event (not one page of them), with the empty periods in between as zeros:
 * a quiet month is information, and a histogram that skips it lies.
 */
export async function timelineHistogram(
  db: Db,
  filters: EventFilters,
  interval?: HistogramInterval,
): Promise<{ interval: HistogramInterval; buckets: HistogramBucket[] }> {
  const matching = selectEvents(db, filters).select('e.date_start');
  // One statement: the span picks the bucket size (unless asked), the series fills the empty periods.
  const { rows } = await sql<{ unit: HistogramInterval; bucket: string | null; events: string }>`
    with ev as materialized (${matching}),
    span as (select min(date_start) as first, max(date_start) as last from ev),
    chosen as (
      select coalesce(${interval ?? null}::text, case when last - first <= 62 then 'day' when last - first <= 730 then 'week'
                                                 when last - first <= 10950 then 'month' else 'year' end) as unit, first, last
      from span),
    series as (
      select generate_series(date_trunc(unit, first), date_trunc(unit, last), ('1 ' || unit)::interval)::date as bucket
      from chosen where first is not null limit ${MAX_BUCKETS}),
    counted as (select date_trunc((select unit from chosen), date_start)::date as bucket, count(*) as n from ev group by 1)
    select (select unit from chosen) as unit, to_char(s.bucket, 'YYYY-MM-DD') as bucket, coalesce(c.n, 0) as events
    from series s left join counted c on c.bucket = s.bucket
    order by s.bucket`.execute(db);
  return {
    interval: rows[0]?.unit ?? interval ?? 'month',
    buckets: rows.map((r) => ({ start: r.bucket!, events: Number(r.events) })),
  };
}
