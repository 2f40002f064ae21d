import type { Db } from '#db';
import { type EventFilters, selectEvents } from '../events/event-filters.js';
import type { EventRow } from '../events/event-row.js';
import { incidentSizes } from '../incidents/incidents.queries.js';

export interface ExportRow {
  event: EventRow;
  article: { url: string; outlet: string; title: string };
  /** Articles and outlets reporting the event's incident (1 and 1 when it has none). */
  numArticles: number;
  numSources: number;
}

const BATCH = 500;

/**
 * Every event matching the filters, in log order, a batch at a time (keyset on
 * log_position), so an export of any size streams in constant memory. The time
 * is pinned at the start, so a long download is one consistent snapshot.
 */
export async function* exportRows(db: Db, filters: EventFilters): AsyncGenerator<ExportRow> {
  const asOf = filters.asOf ?? new Date();
  let after = '0';
  for (;;) {
    const rows = (await selectEvents(db, { ...filters, asOf })
      .innerJoin('read_articles as a', 'a.article_id', 'e.article_id')
      .selectAll('e')
      .select(['a.url as article_url', 'a.outlet as article_outlet', 'a.title as article_title'])
      .where('e.log_position', '>', after)
      .orderBy('e.log_position')
      .limit(BATCH)
      .execute()) as (EventRow & { article_url: string; article_outlet: string; article_title: string })[];
    if (rows.length === 0) return;
    const sizes = await incidentSizes(
      db,
      rows.map((r) => r.event_id),
      asOf,
      filters.modality,
    );
    for (const row of rows) {
      const size = sizes.get(row.event_id);
      yield {
        event: row,
        article: { url: row.article_url, outlet: row.article_outlet, title: row.article_title },
        numArticles: size?.articles ?? 1,
        numSources: size?.outlets ?? 1,
      };
    }
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1]!.log_position;
  }
}
