import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useModality } from '../modality';
import { localToIso, useCatalog } from './ui';

// The filters the timeline and the map share, kept in the URL so a filtered
// view can be linked to, and sent to the API as the same query parameters.

export const EVENT_FILTER_FIELDS = ['type', 'country', 'actor', 'from', 'to', 'status', 'asOf'] as const;
export type EventFilterField = (typeof EVENT_FILTER_FIELDS)[number];
export type EventFilterValues = Record<EventFilterField, string>;

/** The filters in the URL, and the API query they make (asOf as ISO, the modality switch applied). */
export function useEventFilters() {
  const [params, setParams] = useSearchParams();
  const { param: modality } = useModality();
  const current = Object.fromEntries(EVENT_FILTER_FIELDS.map((f) => [f, params.get(f) ?? ''])) as EventFilterValues;
  const query = { ...current, asOf: localToIso(current.asOf), modality };
  return { current, query, params, setParams };
}

export function EventFilterForm({
  current,
  onApply,
}: {
  current: EventFilterValues;
  onApply: (values: EventFilterValues) => void;
}) {
  const catalog = useCatalog();
  const [draft, setDraft] = useState(current);
  const field = (f: EventFilterField) => ({
    name: f,
    value: draft[f],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
      setDraft({ ...draft, [f]: e.target.value }),
  });
  return (
    <form
      className="filters"
      data-testid="event-filters"
      onSubmit={(event) => {
        event.preventDefault();
        onApply(Object.fromEntries(EVENT_FILTER_FIELDS.map((f) => [f, draft[f].trim()])) as EventFilterValues);
      }}
    >
      <label>
        Type
        <select {...field('type')}>
          <option value="">any</option>
          {catalog.data?.eventTypes.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </label>
      <label>
        Country <input {...field('country')} placeholder="IRQ" size={5} />
      </label>
      <label>
        Actor <input {...field('actor')} placeholder="mustafa-al-kadhimi" />
      </label>
      <label>
        From <input type="date" {...field('from')} />
      </label>
      <label>
        To <input type="date" {...field('to')} />
      </label>
      <label>
        Status
        <select {...field('status')}>
          <option value="">active</option>
          <option value="retracted">retracted</option>
          <option value="all">all</option>
        </select>
      </label>
      <label title="What did we know on…">
        As of <input type="datetime-local" {...field('asOf')} data-testid="as-of" />
      </label>
      <button type="submit">Apply</button>
    </form>
  );
}

/** The URL search params for a set of filter values (empty ones left out; paging starts again). */
export function filterParams(values: EventFilterValues): URLSearchParams {
  const next = new URLSearchParams();
  for (const f of EVENT_FILTER_FIELDS) if (values[f]) next.set(f, values[f]);
  return next;
}
