import { sql } from 'kysely';
import type { Actor } from '#domain';
import type { Db } from '#db';
import { type EventFilters, selectEvents } from '../events/event-filters.js';
import type { EventRow } from '../events/event-row.js';
import { withHistory } from '../events/events.queries.js';
import { type Page, type PageRequest, toPage } from '../shared/page.js';
import type { ActorDossier, ActorMatch } from './actor-view.schema.js';

export type { ActorDossier, ActorMatch, Counterpart, MonthBalance } from './actor-view.schema.js';

/**
 * An actor's dossier, computed from the events read model at asOf rather than
 * kept as a table: one WHERE clause gives time travel, and corrections of an
 * event's actors show up at once.
 */
export async function actorDossier(
  db: Db,
  actorId: string,
  filters: Omit<EventFilters, 'actor' | 'status'>,
  limit = 50,
): Promise<ActorDossier | undefined> {
  const base = selectEvents(db, { ...filters, actor: actorId, status: 'active' });
  const ev = base.select([
    'e.event_id',
    'e.agent',
    'e.target',
    'e.agent_ids',
    'e.target_ids',
    'e.goldstein',
    'e.date_start',
    'e.log_position',
  ]);
  const me = sql`array[${actorId}]::text[]`;

  const {
    rows: [totals],
  } = await sql<{ as_agent: string; as_target: string; actor: Actor | null }>`
    with ev as (${ev})
    select count(*) filter (where agent_ids @> ${me}) as as_agent,
           count(*) filter (where target_ids @> ${me}) as as_target,
           (select a from ev, jsonb_array_elements(ev.agent || ev.target) a where a->>'id' = ${actorId} order by ev.log_position desc limit 1) as actor
    from ev`.execute(db);
  if (!totals?.actor) return undefined;

  const { rows: counterparts } = await sql<{
    id: string;
    name: string;
    country: string;
    events: string;
    goldstein_sum: number | null;
    total: string;
  }>`
    with ev as (${ev})
    select c->>'id' as id, min(c->>'name') as name, min(c->>'country') as country,
           count(distinct ev.event_id) as events, sum(ev.goldstein) as goldstein_sum, count(*) over () as total
    from ev, jsonb_array_elements(
           (case when ev.agent_ids @> ${me} then ev.target else '[]'::jsonb end) ||
           (case when ev.target_ids @> ${me} then ev.agent else '[]'::jsonb end)) c
    where c->>'id' <> ${actorId}
    group by c->>'id'
    order by events desc, id
    limit 100`.execute(db);

  // Every month from the first event to the last, empty ones as zeros: a quiet month is information.
  const { rows: months } = await sql<{
    month: string;
    events: string;
    as_agent: number;
    as_target: number;
    total: number;
  }>`
    with ev as (${ev}),
    span as (select date_trunc('month', min(date_start)) as first, date_trunc('month', max(date_start)) as last from ev),
    series as (select generate_series(span.first, span.last, '1 month'::interval) as month from span where span.first is not null limit 1200)
    select to_char(s.month, 'YYYY-MM') as month, count(ev.event_id) as events,
           coalesce(sum(ev.goldstein) filter (where ev.agent_ids @> ${me}), 0) as as_agent,
           coalesce(sum(ev.goldstein) filter (where ev.target_ids @> ${me}), 0) as as_target,
           coalesce(sum(ev.goldstein), 0) as total
    from series s left join ev on date_trunc('month', ev.date_start) = s.month
    group by s.month order by s.month`.execute(db);

  const latest = (await base
    .selectAll('e')
    .orderBy('e.date_start', 'desc')
    .orderBy('e.log_position', 'desc')
    .limit(limit)
    .execute()) as EventRow[];
  return {
    actor: totals.actor,
    asAgent: Number(totals.as_agent),
    asTarget: Number(totals.as_target),
    counterparts: counterparts.map((c) => ({
      id: c.id,
      name: c.name,
      country: c.country,
      events: Number(c.events),
      goldsteinSum: Number(c.goldstein_sum ?? 0),
    })),
    counterpartCount: Number(counterparts[0]?.total ?? 0),
    goldsteinByMonth: months.map((m) => ({
      month: m.month,
      events: Number(m.events),
      goldsteinAsAgent: Number(m.as_agent),
      goldsteinAsTarget: Number(m.as_target),
      goldsteinTotal: Number(m.total),
    })),
    events: await withHistory(db, latest, filters.asOf),
    asOf: filters.asOf?.toISOString() ?? null,
  };
}

export interface ActorSearch {
  /** Words of a name, an id, or a dictionary alias (case-insensitive). */
  q: string;
  /** Actor ids whose dictionary aliases match q (alias → the form that matched). */
  aliases?: Map<string, string>;
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Actors named in events (as agent or target) whose name or id contains q, or
 * whose dictionary aliases do ("Kadhimi", "the Iraqi prime minister",
 * "Iranian"), most frequent first. Events are pre-filtered on their actor
 * columns (text match, or the GIN-indexed id arrays), so only those few are
 * taken apart.
 */
export async function searchActors(
  db: Db,
  search: ActorSearch,
  filters: Omit<EventFilters, 'actor'>,
  page: PageRequest,
): Promise<Page<ActorMatch>> {
  const pinned = new Date();
  const pattern = likePattern(search.q);
  const lowerPattern = likePattern(search.q.toLowerCase());
  const slugPattern = likePattern(search.q.toLowerCase().trim().replace(/\s+/g, '-'));
  const aliasIds = [...(search.aliases?.keys() ?? [])];
  const ids = sql`${sql.val(aliasIds)}::text[]`;
  const ev = selectEvents(db, { ...filters, asOf: page.asOf })
    .select(['e.event_id', 'e.agent', 'e.target'])
    .where((eb) =>
      eb.or([
        sql<boolean>`e.actor_text like ${lowerPattern}`,
        sql<boolean>`e.actor_text like ${slugPattern}`,
        sql<boolean>`e.agent_ids && ${ids}`,
        sql<boolean>`e.target_ids && ${ids}`,
      ]),
    );
  const { rows } = await sql<{
    id: string;
    name: string;
    country: string;
    sector: string;
    events: string;
    total: string;
  }>`
    with ev as (${ev}),
    named as (select x->>'id' as id, x->>'name' as name, x->>'country' as country, x->>'sector' as sector, ev.event_id
              from ev, jsonb_array_elements(ev.agent || ev.target) x)
    select id, mode() within group (order by name) as name, min(country) as country, min(sector) as sector,
           count(distinct event_id) as events, count(*) over () as total
    from named
    where name ilike ${pattern} or id ilike ${slugPattern} or id = any(${ids})
    group by id
    order by events desc, id
    limit ${page.limit + 1} offset ${page.offset}`.execute(db);
  const matches = rows.map((r): ActorMatch => {
    const alias = search.aliases?.get(r.id);
    const direct = r.name.toLowerCase().includes(search.q.toLowerCase());
    return {
      id: r.id,
      name: r.name,
      country: r.country,
      sector: r.sector,
      events: Number(r.events),
      matchedAlias: !direct && alias ? alias : null,
    };
  });
  // count(*) over () is taken before the offset; on a page past the end there is no row to read it from.
  const total =
    rows.length > 0
      ? Number(rows[0]!.total)
      : page.offset === 0
        ? 0
        : await countActorMatches(db, ev, pattern, slugPattern, ids);
  return toPage(matches, page, pinned, total);
}

async function countActorMatches(
  db: Db,
  ev: { compile(): unknown },
  pattern: string,
  slugPattern: string,
  ids: ReturnType<typeof sql>,
): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    with ev as (${ev as never}),
    named as (select x->>'id' as id, x->>'name' as name from ev, jsonb_array_elements(ev.agent || ev.target) x)
    select count(distinct id) as n from named where name ilike ${pattern} or id ilike ${slugPattern} or id = any(${ids})`.execute(
    db,
  );
  return Number(rows[0]?.n ?? 0);
}
