import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { get } from '../api';
import { Actors, DateText } from '../components/EventCard';
import { Card, ErrorBox, Loading, TypeBadge } from '../components/ui';
import type { ActorDossier } from '../types';

export function ActorsPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [draft, setDraft] = useState(id);
  const dossier = useQuery({
    queryKey: ['actor', id],
    queryFn: () => get<ActorDossier>(`/api/actors/${encodeURIComponent(id)}`),
    enabled: id !== '',
  });

  return (
    <div data-testid="actors-page">
      <Card title="Actor dossier">
        <form
          className="filters"
          onSubmit={(e) => {
            e.preventDefault();
            if (draft.trim()) navigate(`/actors/${encodeURIComponent(draft.trim().toLowerCase())}`);
          }}
        >
          <label>
            Actor id <input value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="mustafa-al-kadhimi, iran, usa…" />
          </label>
          <button type="submit">Open</button>
        </form>
        {!id && <p className="muted">Type an actor id, or follow an actor link from an article or the timeline.</p>}
        <ErrorBox error={dossier.error} />
        {id && dossier.isPending && <Loading what="dossier" />}
      </Card>
      {dossier.data && (
        <>
          <Card title={<span data-testid="actor-name">{dossier.data.actor.name}</span>}>
            <p>
              {dossier.data.actor.country} · {dossier.data.actor.sector} · {dossier.data.asAgent} event(s) as agent, {dossier.data.asTarget} as target
            </p>
            <h3>Goldstein balance over time</h3>
            <ResponsiveContainer width="100%" height={240}>
              <LineChart data={dossier.data.goldsteinByMonth}>
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
            <Card title="Counterparts">
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
                  {dossier.data.counterparts.map((c) => (
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
            </Card>
            <Card title="Latest events">
              <ul className="plain">
                {dossier.data.events.map((e) => (
                  <li key={e.eventId}>
                    <TypeBadge type={e.type} /> <DateText date={e.date} /> — <Actors actors={e.agent} /> → <Actors actors={e.target} />{' '}
                    <Link to={`/articles/${e.articleId}`}>article</Link>
                  </li>
                ))}
              </ul>
            </Card>
          </div>
        </>
      )}
    </div>
  );
}
