import { sql } from 'kysely';
import type { Db } from '#db';
import { type EventFilters, selectEvents } from '../events/event-filters.js';
import type { EventMap, MapPoint } from './map.schema.js';

export type { EventMap, MapCountry, MapPoint } from './map.schema.js';

const MAX_POINTS = 5_000;

/**
 * Where the matching events happened: one point per place (coordinates rounded
 * to about a kilometre), and a count per country of the place, for a world map.
 * Same filters as the timeline, so the map and the list agree.
 */
export async function eventMap(db: Db, filters: EventFilters, numericOf: (iso3: string) => string | null = () => null): Promise<EventMap> {
  const ev = selectEvents(db, filters).select(['e.location']);
  const { rows: points } = await sql<{ lat: number; lon: number; name: string; country: string; precision: MapPoint['precision']; events: string; places: string }>`
    with ev as (${ev}), placed as (
      select round((location->>'lat')::numeric, 2)::float8 as lat, round((location->>'lon')::numeric, 2)::float8 as lon,
             location->>'name' as name, location->>'country' as country, location->>'precision' as precision
      from ev where location ? 'lat' and location ? 'lon' and jsonb_typeof(location->'lat') = 'number' and jsonb_typeof(location->'lon') = 'number')
    select lat, lon, mode() within group (order by name) as name, min(country) as country, min(precision) as precision,
           count(*) as events, count(*) over () as places
    from placed group by lat, lon order by events desc, lat, lon limit ${MAX_POINTS}`.execute(db);
  const { rows: countries } = await sql<{ country: string; events: string }>`
    with ev as (${ev})
    select location->>'country' as country, count(*) as events from ev where location is not null and location ? 'country'
    group by 1 order by events desc, country`.execute(db);
  const { rows: [totals] } = await sql<{ located: string; unlocated: string }>`
    with ev as (${ev})
    select count(*) filter (where location is not null) as located, count(*) filter (where location is null) as unlocated from ev`.execute(db);
  return {
    points: points.map((p) => ({ lat: p.lat, lon: p.lon, name: p.name, country: p.country, precision: p.precision ?? 'country', events: Number(p.events) })),
    pointCount: Number(points[0]?.places ?? 0),
    countries: countries.map((c) => ({ country: c.country, numeric: numericOf(c.country), events: Number(c.events) })),
    located: Number(totals?.located ?? 0),
    unlocated: Number(totals?.unlocated ?? 0),
    asOf: filters.asOf?.toISOString() ?? null,
  };
}
