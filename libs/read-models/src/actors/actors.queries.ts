import { sql } from 'kysely';
import type { Actor } from '#domain';
import type { Db } from '#db';
import { type EventFilters, selectEvents } from '../events/event-filters.js';
import type { EventRow } from '../events/event-row.js';
import { withHistory } from '../events/events.queries.js';
import type { EventView } from '../events/event-view.js';

export interface Counterpart {
  id: string;
  name: string;
  country: string;
  /** Events the actor shares with this counterpart, and their Goldstein sum. */
  events: number;
  goldsteinSum: number;
}

export interface MonthBalance {
  /** YYYY-MM of the event's start date. */
  month: string;
  events: number;
  goldsteinAsAgent: number;
  goldsteinAsTarget: number;
  goldsteinTotal: number;
}

export interface ActorDossier {
  actor: Actor;
  asAgent: number;
  asTarget: number;
  counterparts: Counterpart[];
  goldsteinByMonth: MonthBalance[];
  /** The latest events (by occurrence) with this actor on either side. */
  events: EventView[];
  asOf: string | null;
}

/**
 * An actor's dossier, computed from the events read model at asOf rather than
 * kept as a table: one WHERE clause gives time travel, and corrections of an
 * event's actors show up at once.
 */
export async function actorDossier(db: Db, actorId: string, filters: Omit<EventFilters, 'actor' | 'status'>, limit = 50): Promise<ActorDossier | undefined> {
  const base = selectEvents(db, { ...filters, actor: actorId, status: 'active' });
  const ev = base.select(['e.event_id', 'e.agent', 'e.target', 'e.agent_ids', 'e.target_ids', 'e.goldstein', 'e.date_start', 'e.log_position']);
  const me = sql`array[${actorId}]::text[]`;

  const { rows: [totals] } = await sql<{ as_agent: string; as_target: string; actor: Actor | null }>`
    with ev as (${ev})
    select count(*) filter (where agent_ids @> ${me}) as as_agent,
           count(*) filter (where target_ids @> ${me}) as as_target,
           (select a from ev, jsonb_array_elements(ev.agent || ev.target) a where a->>'id' = ${actorId} order by ev.log_position desc limit 1) as actor
    from ev`.execute(db);
  if (!totals?.actor) return undefined;

  const { rows: counterparts } = await sql<{ id: string; name: string; country: string; events: string; goldstein_sum: number | null }>`
    with ev as (${ev})
    select c->>'id' as id, min(c->>'name') as name, min(c->>'country') as country,
           count(distinct ev.event_id) as events, sum(ev.goldstein) as goldstein_sum
    from ev, jsonb_array_elements(
           (case when ev.agent_ids @> ${me} then ev.target else '[]'::jsonb end) ||
           (case when ev.target_ids @> ${me} then ev.agent else '[]'::jsonb end)) c
    where c->>'id' <> ${actorId}
    group by c->>'id'
    order by events desc, id
    limit 100`.execute(db);

  const { rows: months } = await sql<{ month: string; events: string; as_agent: number; as_target: number; total: number }>`
    with ev as (${ev})
    select to_char(date_start, 'YYYY-MM') as month, count(*) as events,
           coalesce(sum(goldstein) filter (where agent_ids @> ${me}), 0) as as_agent,
           coalesce(sum(goldstein) filter (where target_ids @> ${me}), 0) as as_target,
           coalesce(sum(goldstein), 0) as total
    from ev group by 1 order by 1`.execute(db);

  const latest = (await base.selectAll('e').orderBy('e.date_start', 'desc').orderBy('e.log_position', 'desc').limit(limit).execute()) as EventRow[];
  return {
    actor: totals.actor,
    asAgent: Number(totals.as_agent),
    asTarget: Number(totals.as_target),
    counterparts: counterparts.map((c) => ({ id: c.id, name: c.name, country: c.country, events: Number(c.events), goldsteinSum: Number(c.goldstein_sum ?? 0) })),
    goldsteinByMonth: months.map((m) => ({ month: m.month, events: Number(m.events), goldsteinAsAgent: Number(m.as_agent), goldsteinAsTarget: Number(m.as_target), goldsteinTotal: Number(m.total) })),
    events: await withHistory(db, latest, filters.asOf),
    asOf: filters.asOf?.toISOString() ?? null,
  };
}
