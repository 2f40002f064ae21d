import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { EventMap } from '#read-models/contracts';
import { get } from '../api';
import { EventFilterForm, filterParams, useEventFilters } from '../components/EventFilterForm';
import { WorldMap } from '../components/WorldMap';
import { Card, ErrorBox, Loading } from '../components/ui';
import { useModality } from '../modality';

/** Where events happened: the timeline's filters, drawn on a world map (offline: shapes are bundled). */
export function MapPage() {
  const { current, query, params, setParams } = useEventFilters();
  const { showAll } = useModality();
  const map = useQuery({
    queryKey: ['map', query],
    queryFn: () => get<EventMap>('/api/map', query),
    placeholderData: keepPreviousData,
    refetchInterval: current.asOf ? false : 15_000,
  });
  const data = map.data;
  return (
    <Card title="Map" testId="map-page">
      <EventFilterForm
        key={params.toString()}
        current={current}
        onApply={(values) => setParams(filterParams(values))}
      />
      {current.asOf && (
        <p className="notice">Showing what had been recorded before {new Date(current.asOf).toLocaleString()}.</p>
      )}
      <ErrorBox error={map.error} />
      {!data ? (
        <Loading what="map" />
      ) : (
        <>
          <p className="small" data-testid="map-summary" data-located={data.located} data-unlocated={data.unlocated}>
            {data.located.toLocaleString()} event(s) with a place on the map, in {data.pointCount.toLocaleString()}{' '}
            place(s)
            {data.pointCount > data.points.length &&
              ` (the ${data.points.length.toLocaleString()} with most events drawn)`}
            {data.unlocated > 0 && `; ${data.unlocated.toLocaleString()} without a place`}
            {showAll ? ' — events that did not happen included.' : ' — events that happened only.'} Click a country to
            filter by it.
          </p>
          <div className="map-legend">
            <span>
              <i style={{ background: '#c0392b' }} /> city
            </span>
            <span>
              <i style={{ background: '#d35400' }} /> region
            </span>
            <span>
              <i style={{ background: '#8e44ad' }} /> country only
            </span>
          </div>
          <WorldMap map={data} onCountry={(country) => setParams(filterParams({ ...current, country }))} />
          <h3>Places with most events</h3>
          <table className="grid" data-testid="map-places">
            <thead>
              <tr>
                <th>Place</th>
                <th>Country</th>
                <th>Precision</th>
                <th>Events</th>
              </tr>
            </thead>
            <tbody>
              {data.points.slice(0, 20).map((p) => (
                <tr key={`${p.lat},${p.lon}`}>
                  <td>{p.name}</td>
                  <td>{p.country}</td>
                  <td>{p.precision}</td>
                  <td>{p.events}</td>
                </tr>
              ))}
              {data.points.length === 0 && (
                <tr>
                  <td colSpan={4} className="muted">
                    No matching event has a place.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </>
      )}
    </Card>
  );
}
