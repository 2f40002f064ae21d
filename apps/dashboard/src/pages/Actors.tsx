import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ActorDossier, ActorMatch, EventView, Page } from '#read-models/contracts';
import { get } from '../api';
import { Actors, DateText } from '../components/EventCard';
import { Pager } from '../components/Pager';
import { Card, ErrorBox, Loading, TypeBadge, cursorSetter } from '../components/ui';
import { ModalityBadge, modalityClass, useModality } from '../modality';

/** Find an actor by name (or a dictionary alias), then its dossier and every event naming it, page by page. */
export function ActorsPage() {
  const { id = '' } = useParams();
  return (
    <div data-testid="actors-page">
      <ActorSearch />
      {id && <Dossier id={id} />}
    </div>
  );
}

function ActorSearch() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const { id } = useParams();
  const q = params.get('q') ?? '';
  const [draft, setDraft] = useState(q);
  const { param: modality } = useModality();
  const cursor = params.get('cursor') ?? '';
  const matches = useQuery({
    queryKey: ['actor-search', q, cursor, modality],
    queryFn: () => get<Page<ActorMatch>>('/api/actors', { q, cursor, modality, limit: 20 }),
    enabled: q.trim().length > 0,
    placeholderData: keepPreviousData,
  });
  return (
    <Card title="Actors">
      <form
        className="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          if (draft.trim()) void navigate(`/actors?q=${encodeURIComponent(draft.trim())}`);
        }}
      >
        <label>
          Name, id or alias
          <input
            name="actor-q"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            placeholder="Kadhimi, Iranian, Quds Force…"
            size={30}
          />
        </label>
        <button type="submit">Search</button>
      </form>
      {!q && !id && (
        <p className="muted">
          Search by name (the coder's dictionary knows aliases and spellings), or follow an actor link from an article
          or the timeline.
        </p>
      )}
      <ErrorBox error={matches.error} />
      {q && matches.isPending && <Loading what="actors" />}
      {q && matches.data && (
        <>
          <table className="grid actor-matches" data-testid="actor-matches">
            <thead>
              <tr>
                <th>Actor</th>
                <th>Country</th>
                <th>Sector</th>
                <th>Events</th>
              </tr>
            </thead>
            <tbody>
              {matches.data.items.map((a) => (
                <tr key={a.id} data-testid="actor-match" data-actor-id={a.id}>
                  <td>
                    <Link to={`/actors/${encodeURIComponent(a.id)}?q=${encodeURIComponent(q)}`}>{a.name}</Link>{' '}
                    <code className="small muted">{a.id}</code>
                    {a.matchedAlias && <span className="muted small"> — known as “{a.matchedAlias}”</span>}
                  </td>
                  <td>{a.country}</td>
                  <td>{a.sector}</td>
                  <td>{a.events}</td>
                </tr>
              ))}
              {matches.data.items.length === 0 && (
                <tr>
                  <td colSpan={4} className="muted">
                    No actor named in events matches “{q}”.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
          <Pager page={matches.data} onCursor={cursorSetter(setParams)} what="actors" />
        </>
      )}
    </Card>
  );
}

function Dossier({ id }: { id: string }) {
  const { param: modality } = useModality();
  const [eventsCursor, setEventsCursor] = useState<string | null>(null);
  const dossier = useQuery({
    queryKey: ['actor', id, modality],
    queryFn: () => get<ActorDossier>(`/api/actors/${encodeURIComponent(id)}`, { modality, limit: 1 }),
  });
  const events = useQuery({
    queryKey: ['actor-events', id, eventsCursor, modality],
    queryFn: () => get<Page<EventView>>('/api/events', { actor: id, cursor: eventsCursor, modality, limit: 25 }),
    placeholderData: keepPreviousData,
  });
  if (dossier.isPending) return <Loading what="dossier" />;
  if (dossier.error) return <ErrorBox error={dossier.error} />;
  const d = dossier.data;
  return (
    <>
      <Card title={<span data-testid="actor-name">{d.actor.name}</span>}>
        <p>
          {d.actor.country} · {d.actor.sector} · {d.asAgent} event(s) as agent, {d.asTarget} as target
        </p>
        <h3>Goldstein balance over time</h3>
        <ResponsiveContainer width="100%" height={240}>
          <LineChart data={d.goldsteinByMonth}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="month" fontSize={11} />
            <YAxis fontSize={11} />
            <Tooltip />
            <Legend />
            <ReferenceLine y={0} stroke="#999" />
            <Line dataKey="goldsteinAsAgent" name="as agent" stroke="#4f7cac" isAnimationActive={false} />
            <Line dataKey="goldsteinAsTarget" name="as target" stroke="#c9824f" isAnimationActive={false} />
            <Line dataKey="goldsteinTotal" name="total" stroke="#333" strokeDasharray="4 2" isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </Card>
      <div className="grid-2">
        <Card title={`Counterparts (${d.counterpartCount})`}>
          <table className="grid">
            <thead>
              <tr>
                <th>Actor</th>
                <th>Country</th>
                <th>Events</th>
                <th>Goldstein sum</th>
              </tr>
            </thead>
            <tbody>
              {d.counterparts.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/actors/${encodeURIComponent(c.id)}`}>{c.name}</Link>
                  </td>
                  <td>{c.country}</td>
                  <td>{c.events}</td>
                  <td>{c.goldsteinSum.toFixed(1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {d.counterpartCount > d.counterparts.length && (
            <p className="muted small">
              The {d.counterparts.length} most frequent of {d.counterpartCount} shown.
            </p>
          )}
        </Card>
        <Card title="Events naming it">
          <ErrorBox error={events.error} />
          <Pager page={events.data} onCursor={setEventsCursor} what="events" />
          <ul className="plain" data-testid="actor-events">
            {events.data?.items.map((e) => (
              <li key={e.eventId} className={modalityClass(e.modality)} data-modality={e.modality}>
                <TypeBadge type={e.type} />
                <ModalityBadge modality={e.modality} /> <DateText date={e.date} /> — <Actors actors={e.agent} /> →{' '}
                <Actors actors={e.target} /> <Link to={`/articles/${e.articleId}`}>article</Link>
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </>
  );
}
