import { geoEqualEarth, geoPath } from 'd3-geo';
import { useMemo } from 'react';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import countriesTopology from 'world-atlas/countries-110m.json';
import type { EventMap } from '#read-models/contracts';

// A world map drawn from Natural Earth's country shapes (world-atlas, bundled:
// no tile server, works offline) with d3-geo. Countries are shaded by the
// events placed in them; each place with coordinates is a dot sized by its events.

const WIDTH = 960;
const HEIGHT = 500;

type CountryFeature = Feature<Geometry, { name: string }>;

const topology = countriesTopology as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
const shapes = (feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name: string }>)
  .features as CountryFeature[];

function shade(events: number, max: number): string {
  if (events === 0) return '#d9dee3';
  // Light to dark blue on a square-root scale, so one big country does not wash out the rest.
  const t = Math.sqrt(events / Math.max(1, max));
  const mix = (a: number, b: number) => Math.round(a + (b - a) * t);
  return `rgb(${mix(198, 31)}, ${mix(219, 78)}, ${mix(239, 121)})`;
}

export function WorldMap({ map, onCountry }: { map: EventMap; onCountry?: (iso3: string) => void }) {
  const projection = useMemo(() => geoEqualEarth().fitSize([WIDTH, HEIGHT], { type: 'Sphere' }), []);
  const path = useMemo(() => geoPath(projection), [projection]);
  const byNumeric = new Map(map.countries.filter((c) => c.numeric).map((c) => [String(Number(c.numeric)), c]));
  const max = Math.max(0, ...map.countries.map((c) => c.events));
  const maxPoint = Math.max(1, ...map.points.map((p) => p.events));
  return (
    <svg
      className="world-map"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      data-testid="world-map"
      role="img"
      aria-label="World map of events"
    >
      <path d={path({ type: 'Sphere' }) ?? undefined} fill="#eaf1f7" />
      {shapes.map((shape) => {
        const counted = byNumeric.get(String(Number(shape.id)));
        return (
          <path
            key={String(shape.id)}
            className="country"
            d={path(shape) ?? undefined}
            fill={shade(counted?.events ?? 0, max)}
            data-country={counted?.country}
            data-events={counted?.events ?? 0}
            style={counted && onCountry ? { cursor: 'pointer' } : undefined}
            onClick={counted && onCountry ? () => onCountry(counted.country) : undefined}
          >
            <title>{`${shape.properties.name}: ${counted?.events ?? 0} event(s)`}</title>
          </path>
        );
      })}
      {map.points.map((p) => {
        const xy = projection([p.lon, p.lat]);
        if (!xy) return null;
        return (
          <circle
            key={`${p.lat},${p.lon}`}
            className={`place precision-${p.precision}`}
            cx={xy[0]}
            cy={xy[1]}
            r={2.5 + 9 * Math.sqrt(p.events / maxPoint)}
            data-testid="map-place"
            data-name={p.name}
            data-events={p.events}
          >
            <title>{`${p.name} (${p.country}, ${p.precision}): ${p.events} event(s)`}</title>
          </circle>
        );
      })}
    </svg>
  );
}
