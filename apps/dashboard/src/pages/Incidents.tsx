import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { get } from '../api';
import { Actors } from '../components/EventCard';
import { Card, ErrorBox, Loading, TypeBadge, useCatalog } from '../components/ui';
import type { IncidentView, Page } from '../types';

export function IncidentsPage() {
  const catalog = useCatalog();
  const [filters, setFilters] = useState({ type: '', country: '', minSources: '' });
  const [draft, setDraft] = useState(filters);
  const incidents = useQuery({
    queryKey: ['incidents', filters],
    queryFn: () => get<Page<IncidentView>>('/api/incidents', { ...filters, limit: 100 }),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  });
  return (
    <Card title="Incidents" testId="incidents-page">
      <p className="muted small">The same real-world event reported by several articles. Incidents merge and split by themselves as reports arrive, are corrected or retracted.</p>
      <form className="filters" onSubmit={(e) => (e.preventDefault(), setFilters(draft))}>
        <label>
          Type
          <select value={draft.type} onChange={(e) => setDraft({ ...draft, type: e.target.value })}>
            <option value="">any</option>
            {catalog.data?.eventTypes.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <label>
          Country <input value={draft.country} onChange={(e) => setDraft({ ...draft, country: e.target.value })} size={5} placeholder="IRQ" />
        </label>
        <label>
          Min. sources <input type="number" min={1} value={draft.minSources} onChange={(e) => setDraft({ ...draft, minSources: e.target.value })} style={{ width: '5em' }} />
        </label>
        <button type="submit">Apply</button>
      </form>
      <ErrorBox error={incidents.error} />
      {incidents.isPending && <Loading what="incidents" />}
      {incidents.data?.items.map((i) => (
        <article key={i.incidentId} className="incident" data-testid="incident">
          <header>
            <TypeBadge type={i.type} /> {i.dateStart === i.dateEnd ? i.dateStart : `${i.dateStart} → ${i.dateEnd}`} ·{' '}
            <strong>
              {i.sourceCount} source{i.sourceCount === 1 ? '' : 's'}
            </strong>{' '}
            from {i.outletCount} outlet(s), {i.eventCount} event(s)
          </header>
          <p>
            <Actors actors={i.agents} /> → <Actors actors={i.targets} />
          </p>
          <ul className="small">
            {i.sources.map((s) => (
              <li key={s.articleId}>
                <Link to={`/articles/${s.articleId}`}>{s.title}</Link> <span className="muted">— {s.outlet}, {s.publishedAt.slice(0, 10)}</span>
              </li>
            ))}
          </ul>
        </article>
      ))}
      {incidents.data?.items.length === 0 && <p className="muted">No incidents match.</p>}
    </Card>
  );
}
