import { sql } from 'kysely';
import type { Db } from '#db';
import { type EventFilters, selectEvents } from '../events/event-filters.js';
import type { EventMap, MapPoint } from './map.schema.js';

export type { EventMap, MapCountry, MapPoint } from './map.schema.js';

const MAX_POINTS = 5_000;

interface MapPointRow {
  lat: number;
  lon: number;
  name: string;
  country: string;
  precision: MapPoint['precision'] | null;
  events: number;
}

/**
 * Where the matching events happened: one point per place (coordinates rounded
 * to about a kilometre), and a count per country of the place, for a world map.
 * Same filters as the timeline, so the map and the list agree.
 */
export async function eventMap(
  db: Db,
  filters: EventFilters,
  numericOf: (iso3: string) => string | null = () => null,
): Promise<EventMap> {
  const ev = selectEvents(db, filters).select(['e.location']);
  // One statement, one scan of the matching events (materialized once), every aggregate over it.
  const { rows } = await sql<{
    points: MapPointRow[];
    places: string;
    countries: { country: string; events: number }[];
    located: string;
    unlocated: string;
  }>`
    with ev as materialized (${ev}),
    placed as (
      select round((location->>'lat')::numeric, 2)::float8 as lat, round((location->>'lon')::numeric, 2)::float8 as lon,
             location->>'name' as name, location->>'country' as country, location->>'precision' as precision
      from ev where jsonb_typeof(location->'lat') = 'number' and jsonb_typeof(location->'lon') = 'number'),
    places as (
      select lat, lon, mode() within group (order by name) as name, min(country) as country, min(precision) as precision, count(*) as events
      from placed group by lat, lon),
    countries as (select location->>'country' as country, count(*) as events from ev where location ? 'country' group by 1)
    select
      (select coalesce(json_agg(p order by p.events desc, p.lat, p.lon), '[]'::json)
         from (select * from places order by events desc, lat, lon limit ${MAX_POINTS}) p) as points,
      (select count(*) from places) as places,
      (select coalesce(json_agg(c order by c.events desc, c.country), '[]'::json) from countries c) as countries,
      (select count(*) from ev where location is not null) as located,
      (select count(*) from ev where location is null) as unlocated`.execute(db);
  const [row] = rows;
  const points = row?.points ?? [];
  const countries = row?.countries ?? [];
  const totals = { located: row?.located ?? '0', unlocated: row?.unlocated ?? '0' };
  return {
    points: points.map((p) => ({
      lat: p.lat,
      lon: p.lon,
      name: p.name,
      country: p.country,
      precision: p.precision ?? 'country',
      events: Number(p.events),
    })),
    pointCount: Number(row?.places ?? 0),
    countries: countries.map((c) => ({ country: c.country, numeric: numericOf(c.country), events: Number(c.events) })),
    located: Number(totals?.located ?? 0),
    unlocated: Number(totals?.unlocated ?? 0),
    asOf: filters.asOf?.toISOString() ?? null,
  };
}
