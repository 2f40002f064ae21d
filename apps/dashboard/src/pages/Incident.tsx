import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { get } from '../api';
import { Actors } from '../components/EventCard';
import {
  CorrectionNotice,
  EventLine,
  IncidentHistory,
  SplitForm,
  useIncidentEvents,
} from '../components/IncidentCorrections';
import { Card, ErrorBox, Loading, TypeBadge } from '../components/ui';
import type { IncidentView } from '#read-models/contracts';

/** One incident: its sources with their events, analysts' merges and splits, and the split action. */
export function IncidentPage() {
  const { id = '' } = useParams();
  const [splitting, setSplitting] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'split'; incidentId: string | null } | null>(null);
  const incident = useQuery({
    queryKey: ['incident', id],
    queryFn: () => get<IncidentView>(`/api/incidents/${encodeURIComponent(id)}`),
    refetchInterval: 10_000,
  });
  const events = useIncidentEvents(incident.data?.sources ?? []);
  const back = (
    <p className="small">
      <Link to="/incidents">← all incidents</Link>
    </p>
  );
  if (incident.isPending) return <Loading what="incident" />;
  if (incident.error)
    return (
      <>
        <ErrorBox error={incident.error} />
        {back}
      </>
    );
  const i = incident.data;
  return (
    <div data-testid="incident-detail" data-incident-id={i.incidentId} data-event-count={i.eventCount}>
      <Card
        title={
          <>
            <TypeBadge type={i.type} /> {i.dateStart === i.dateEnd ? i.dateStart : `${i.dateStart} → ${i.dateEnd}`}
          </>
        }
        actions={
          <button
            type="button"
            data-testid="split-incident"
            disabled={i.eventCount < 2 || splitting}
            onClick={() => setSplitting(true)}
          >
            Split
          </button>
        }
      >
        <p className="muted small">
          <code>{i.incidentId}</code> · {i.sourceCount} source(s) from {i.outletCount} outlet(s), {i.eventCount}{' '}
          event(s)
        </p>
        <p>
          <Actors actors={i.agents} /> → <Actors actors={i.targets} />
        </p>
        <CorrectionNotice notice={notice} onClose={() => setNotice(null)} />
        {splitting && (
          <SplitForm
            incident={i}
            onCancel={() => setSplitting(false)}
            onSplit={(created) => {
              setSplitting(false);
              setNotice({ kind: 'split', incidentId: created });
            }}
          />
        )}
        <h3>Sources</h3>
        <ul className="plain" data-testid="incident-sources">
          {i.sources.map((s) => (
            <li key={s.articleId} data-testid="incident-source">
              <Link to={`/articles/${s.articleId}`}>{s.title}</Link>{' '}
              <span className="muted small">
                — {s.outlet}, {s.publishedAt.slice(0, 10)}
              </span>
              <ul className="small">
                {s.eventIds.map((eventId) => {
                  const event = events.byId.get(eventId);
                  return (
                    <li key={eventId} data-testid="incident-event" data-event-id={eventId}>
                      {event ? <EventLine event={event} /> : <code>{eventId}</code>}
                    </li>
                  );
                })}
              </ul>
            </li>
          ))}
        </ul>
        <ErrorBox error={events.error} />
        <h3>Merges and splits</h3>
        <IncidentHistory history={i.history} current={i.incidentId} />
        {back}
      </Card>
    </div>
  );
}
