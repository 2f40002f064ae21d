import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { get } from '../api';
import { Actors, DateText } from '../components/EventCard';
import { Card, ErrorBox, Loading, TypeBadge, localToIso, useCatalog } from '../components/ui';
import type { EventView, Page } from '../types';

const FIELDS = ['type', 'country', 'actor', 'from', 'to', 'status', 'asOf'] as const;
type Field = (typeof FIELDS)[number];

export function TimelinePage() {
  const catalog = useCatalog();
  const [params, setParams] = useSearchParams();
  const current = Object.fromEntries(FIELDS.map((f) => [f, params.get(f) ?? ''])) as Record<Field, string>;
  const [draft, setDraft] = useState(current);

  const timeline = useQuery({
    queryKey: ['timeline', current],
    queryFn: () => get<Page<EventView>>('/api/timeline', { ...current, asOf: localToIso(current.asOf), limit: 500 }),
    placeholderData: keepPreviousData,
    refetchInterval: current.asOf ? false : 10_000,
  });

  const apply = (event: React.FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const f of FIELDS) if (draft[f].trim()) next.set(f, draft[f].trim());
    setParams(next);
  };
  const field = (f: Field) => ({ name: f, value: draft[f], onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setDraft({ ...draft, [f]: e.target.value }) });

  const items = timeline.data?.items ?? [];
  const perMonth = new Map<string, number>();
  for (const e of items) perMonth.set(e.date.start.slice(0, 7), (perMonth.get(e.date.start.slice(0, 7)) ?? 0) + 1);

  return (
    <Card title="Timeline" testId="timeline-page">
      <form className="filters" onSubmit={apply}>
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
      {current.asOf && <p className="notice">Showing what had been recorded before {new Date(current.asOf).toLocaleString()}.</p>}
      <ErrorBox error={timeline.error} />
      {timeline.isPending ? (
        <Loading what="events" />
      ) : (
        <>
          {perMonth.size > 1 && (
            <ResponsiveContainer width="100%" height={140}>
              <BarChart data={[...perMonth].map(([month, events]) => ({ month, events }))}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="month" fontSize={11} />
                <YAxis allowDecimals={false} fontSize={11} />
                <Tooltip />
                <Bar dataKey="events" fill="#4f7cac" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          )}
          <table className="grid" data-testid="timeline">
            <thead>
              <tr>
                <th>When</th>
                <th>Type</th>
                <th>Agent</th>
                <th>Target</th>
                <th>Modality</th>
                <th>Article</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.eventId} data-testid="timeline-row" data-event-id={e.eventId} data-event-type={e.type} className={e.status === 'retracted' ? 'retracted' : undefined}>
                  <td>
                    <DateText date={e.date} />
                  </td>
                  <td>
                    <TypeBadge type={e.type} />
                    {e.status === 'retracted' && <span className="muted small"> retracted</span>}
                  </td>
                  <td>
                    <Actors actors={e.agent} />
                  </td>
                  <td>
                    <Actors actors={e.target} />
                  </td>
                  <td>{e.modality}</td>
                  <td>
                    <Link to={`/articles/${e.articleId}`}>open</Link>
                  </td>
                </tr>
              ))}
              {items.length === 0 && (
                <tr>
                  <td colSpan={6} className="muted">
                    No events match.
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
