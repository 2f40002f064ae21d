import { sql } from 'kysely';
import { EVENT_TYPE_NAMES, EVENT_TYPES, type QuadClass, quadClass } from '#domain';
import type { Db } from '#db';
import { type EventFilters, selectEvents } from '../events/event-filters.js';
import { type Page, type PageRequest, toPage } from '../shared/page.js';

import type { Dyad } from './dyad.schema.js';

export type { Dyad } from './dyad.schema.js';

const SYMMETRIC = EVENT_TYPE_NAMES.filter((t) => EVENT_TYPES[t].symmetric);
const QUADS: QuadClass[] = [
  'verbal-cooperation',
  'material-cooperation',
  'verbal-conflict',
  'material-conflict',
  'other',
];

/**
 * Country pairs, like GDELT's Actor1/Actor2: every agent country with every target
 * country of an event (events without a target have no dyad). For symmetric types
 * the order means nothing, so the pair is put in alphabetical order unless
 * `directed` asks to keep it as coded.
 */
export async function listDyads(
  db: Db,
  filters: EventFilters,
  page: PageRequest & { directed?: boolean },
): Promise<Page<Dyad>> {
  const pinned = new Date();
  const ev = selectEvents(db, { ...filters, asOf: page.asOf }).select([
    'e.event_id',
    'e.type',
    'e.agent_countries',
    'e.target_countries',
    'e.goldstein',
  ]);
  const swap = page.directed ? sql`false` : sql`ev.type = any(${sql.val([...SYMMETRIC])}::text[]) and a > t`;
  const quadCounts = QUADS.map((quad) => {
    const types = EVENT_TYPE_NAMES.filter((t) => quadClass(t) === quad);
    return sql`count(*) filter (where type = any(${sql.val(types)}::text[]))`;
  });
  const { rows } = await sql<{
    actor1: string;
    actor2: string;
    events: string;
    goldstein_sum: number | null;
    goldstein_avg: number | null;
    quads: number[];
    total: string;
  }>`
    with ev as (${ev}),
    pairs as (
      select distinct ev.event_id, ev.type, ev.goldstein,
             case when ${swap} then t else a end as actor1,
             case when ${swap} then a else t end as actor2
      from ev, unnest(ev.agent_countries) a, unnest(ev.target_countries) t)
    select actor1, actor2, count(*) as events, sum(goldstein) as goldstein_sum, avg(goldstein) as goldstein_avg,
           array[${sql.join(quadCounts)}] as quads, count(*) over () as total
    from pairs
    group by actor1, actor2
    order by events desc, actor1, actor2
    limit ${page.limit + 1} offset ${page.offset}`.execute(db);
  const dyads = rows.map((r) => ({
    actor1: r.actor1,
    actor2: r.actor2,
    events: Number(r.events),
    goldsteinSum: Number(r.goldstein_sum ?? 0),
    goldsteinAvg: r.goldstein_avg === null ? null : Math.round(Number(r.goldstein_avg) * 100) / 100,
    byQuadClass: Object.fromEntries(QUADS.map((q, i) => [q, Number(r.quads[i] ?? 0)])) as Record<QuadClass, number>,
  }));
  let total = rows.length > 0 ? Number(rows[0]!.total) : 0;
  if (rows.length === 0 && page.offset > 0) {
    const { rows: counted } = await sql<{ n: string }>`
      with ev as (${ev})
      select count(*) as n from (select distinct case when ${swap} then t else a end, case when ${swap} then a else t end
                                 from ev, unnest(ev.agent_countries) a, unnest(ev.target_countries) t) pairs`.execute(
      db,
    );
    total = Number(counted[0]?.n ?? 0);
  }
  return toPage(dyads, page, pinned, total);
}
