import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { get } from '../api';
import { Actors } from '../components/EventCard';
import { CorrectionNotice, MergePanel, SplitForm, incidentPath } from '../components/IncidentCorrections';
import type { IncidentView, Page } from '#read-models/contracts';
import { Pager } from '../components/Pager';
import { Card, ErrorBox, Loading, TypeBadge, useCatalog } from '../components/ui';
import { useModality } from '../modality';

export function IncidentsPage() {
  const catalog = useCatalog();
  const [filters, setFilters] = useState({ type: '', country: '', minSources: '' });
  const [draft, setDraft] = useState(filters);
  // Ticked incidents, as they looked when ticked: a selection survives a change of filters.
  const [selected, setSelected] = useState<IncidentView[]>([]);
  const [splitting, setSplitting] = useState<string | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const { param: modality } = useModality();
  const [notice, setNotice] = useState<{ kind: 'merged' | 'split'; incidentId: string | null } | null>(null);
  const incidents = useQuery({
    queryKey: ['incidents', filters, cursor, modality],
    queryFn: () => get<Page<IncidentView>>('/api/incidents', { ...filters, cursor, modality, limit: 50 }),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  });
  const current = new Map(incidents.data?.items.map((i) => [i.incidentId, i]));
  const listed = new Set(current.keys());
  const isSelected = (id: string) => selected.some((s) => s.incidentId === id);
  const toggle = (incident: IncidentView, on: boolean) =>
    setSelected((now) =>
      on
        ? [...now.filter((s) => s.incidentId !== incident.incidentId), incident]
        : now.filter((s) => s.incidentId !== incident.incidentId),
    );

  return (
    <Card title="Incidents" testId="incidents-page">
      <p className="muted small">
        The same real-world event reported by several articles. Incidents merge and split by themselves as reports
        arrive, are corrected or retracted; tick incidents to merge them, or split events out of one, when the grouping
        is wrong.
      </p>
      <form className="filters" onSubmit={(e) => (e.preventDefault(), setCursor(null), setFilters(draft))}>
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
          Country{' '}
          <input
            value={draft.country}
            onChange={(e) => setDraft({ ...draft, country: e.target.value })}
            size={5}
            placeholder="IRQ"
          />
        </label>
        <label>
          Min. sources{' '}
          <input
            type="number"
            min={1}
            value={draft.minSources}
            onChange={(e) => setDraft({ ...draft, minSources: e.target.value })}
            style={{ width: '5em' }}
          />
        </label>
        <button type="submit">Apply</button>
      </form>
      <CorrectionNotice notice={notice} onClose={() => setNotice(null)} />
      {selected.length > 0 && (
        <MergePanel
          selected={selected.map((s) => current.get(s.incidentId) ?? s)}
          listed={listed}
          onUnselect={(id) => setSelected((now) => now.filter((s) => s.incidentId !== id))}
          onClear={() => setSelected([])}
          onMerged={(into) => {
            setSelected([]);
            setNotice({ kind: 'merged', incidentId: into });
          }}
        />
      )}
      <ErrorBox error={incidents.error} />
      {incidents.isPending && <Loading what="incidents" />}
      <Pager page={incidents.data} onCursor={setCursor} what="incidents" />
      {incidents.data?.items.map((i) => (
        <article
          key={i.incidentId}
          className="incident"
          data-testid="incident"
          data-incident-id={i.incidentId}
          data-event-count={i.eventCount}
          data-source-count={i.sourceCount}
        >
          <header>
            <input
              type="checkbox"
              name="select-incident"
              value={i.incidentId}
              checked={isSelected(i.incidentId)}
              onChange={(e) => toggle(i, e.target.checked)}
              aria-label="select for merging"
            />
            <span>
              <TypeBadge type={i.type} /> {i.dateStart === i.dateEnd ? i.dateStart : `${i.dateStart} → ${i.dateEnd}`} ·{' '}
              <strong>
                {i.sourceCount} source{i.sourceCount === 1 ? '' : 's'}
              </strong>{' '}
              from {i.outletCount} outlet(s), {i.eventCount} event(s)
            </span>
            <span className="row-actions">
              <Link to={incidentPath(i.incidentId)} data-testid="incident-details">
                details{i.history.length > 0 && ` (${i.history.length} merge/split)`}
              </Link>{' '}
              <button
                type="button"
                data-testid="split-incident"
                disabled={i.eventCount < 2}
                title={i.eventCount < 2 ? 'one event: nothing to split' : 'take events out into a new incident'}
                onClick={() => setSplitting(splitting === i.incidentId ? null : i.incidentId)}
              >
                Split
              </button>
            </span>
          </header>
          <p>
            <Actors actors={i.agents} /> → <Actors actors={i.targets} />
          </p>
          <ul className="small">
            {i.sources.map((s) => (
              <li key={s.articleId}>
                <Link to={`/articles/${s.articleId}`}>{s.title}</Link>{' '}
                <span className="muted">
                  — {s.outlet}, {s.publishedAt.slice(0, 10)}
                </span>
              </li>
            ))}
          </ul>
          {splitting === i.incidentId && (
            <SplitForm
              incident={i}
              onCancel={() => setSplitting(null)}
              onSplit={(created) => {
                setSplitting(null);
                setNotice({ kind: 'split', incidentId: created });
              }}
            />
          )}
        </article>
      ))}
      {incidents.data?.items.length === 0 && <p className="muted">No incidents match.</p>}
      <Pager page={incidents.data} onCursor={setCursor} what="incidents" />
    </Card>
  );
}
