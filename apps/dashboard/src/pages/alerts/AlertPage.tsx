import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { AlertDetailJson } from '#alerts/contracts';
import { get } from '../../api';
import { describeClause, describeRule } from '../../components/rule-text';
import { Card, ErrorBox, Loading, TypeBadge, formatTime } from '../../components/ui';
import { ModalityBadge } from '../../modality';
import { Deliveries } from './Deliveries';

const RETRACTED_BECAUSE: Record<string, string> = {
  'event-retracted': 'an analyst retracted the event(s) it was raised for',
  'no-longer-matches': 'after a correction, no event of the incident matches the rule any more',
  merged: 'its incident was merged into another',
};

/** One alert: why it was raised, in words, from which reports, and what downstream was told. */
export function AlertPage() {
  const { id = '' } = useParams();
  const alert = useQuery({
    queryKey: ['alert', id],
    queryFn: () => get<AlertDetailJson>(`/api/alerts/${encodeURIComponent(id)}`),
    refetchInterval: 5_000,
  });
  const back = (
    <p className="small">
      <Link to="/alerts">← all alerts</Link>
    </p>
  );
  if (alert.isPending) return <Loading what="alert" />;
  if (alert.error)
    return (
      <>
        <ErrorBox error={alert.error} />
        {back}
      </>
    );
  const a = alert.data;
  const { explanation } = a;
  const names = new Map(
    explanation.events.flatMap((e) => [...e.agent, ...e.target]).map((actor) => [actor.id, actor.name]),
  );
  // An alert raised by one event that has no incident names it "event-<id>": its page is the article's.
  const singleEvent = a.incidentId.startsWith('event-') ? explanation.events[0] : undefined;
  return (
    <div data-testid="alert-detail" data-alert-id={a.alertId} data-status={a.status}>
      <Card
        title={
          <>
            <TypeBadge type={a.eventType} /> alert for “{a.subscriptionName}”{' '}
            <span className={`status status-${a.status}`}>{a.status}</span>
          </>
        }
      >
        <p className="small muted">
          Raised {formatTime(a.raisedAt)}, last changed {formatTime(a.updatedAt)} · revision {a.version} ·{' '}
          {singleEvent ? (
            <Link to={`/articles/${singleEvent.articleId}`}>the event's article</Link>
          ) : (
            <Link to={`/incidents/${encodeURIComponent(a.incidentId)}`}>incident {a.incidentId}</Link>
          )}
        </p>
        {a.retraction && (
          <p className="notice" data-testid="alert-retraction">
            Retracted: {RETRACTED_BECAUSE[a.retraction.reason] ?? a.retraction.reason}
            {a.retraction.mergedInto && (
              <>
                {' '}
                (<Link to={`/incidents/${encodeURIComponent(a.retraction.mergedInto)}`}>{a.retraction.mergedInto}</Link>
                )
              </>
            )}
            .
          </p>
        )}
        <h3>Why it was raised</h3>
        <p className="rule-sentence" data-testid="alert-rule">
          The subscription asks for: {describeRule(explanation.rule)}
        </p>
        <p data-testid="alert-sources-sentence">
          The incident is reported by {explanation.sources.articles} article(s) from {explanation.sources.outlets}{' '}
          independent outlet(s)
          {explanation.sources.required > 1 ? `; ${explanation.sources.required} were required.` : '.'}
        </p>
        <h3>Events that matched</h3>
        <ul className="plain" data-testid="alert-explanation">
          {explanation.events.map((e) => (
            <li key={e.eventId} className="explained-event" data-testid="explained-event" data-event-id={e.eventId}>
              <div>
                <TypeBadge type={e.type} />
                <ModalityBadge modality={e.modality} />{' '}
                <strong>{e.agent.map((x) => x.name).join(', ') || 'someone'}</strong> →{' '}
                <strong>{e.target.map((x) => x.name).join(', ') || '—'}</strong>,{' '}
                {e.date.start === e.date.end ? e.date.start : `${e.date.start} to ${e.date.end}`}{' '}
                <span className="muted small">({e.date.precision})</span> ·{' '}
                <Link to={`/articles/${e.articleId}`}>article</Link>
              </div>
              {e.evidence.map((span, i) => (
                <q key={i} className="evidence">
                  {span.text}
                </q>
              ))}
              <ul className="clauses">
                {e.matched.map((clause, i) => (
                  <li key={i} data-clause={clause.clause}>
                    {describeClause(clause, names)}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
        {explanation.omitted && (explanation.omitted.events > 0 || explanation.omitted.articles > 0) && (
          <p className="muted small">
            {explanation.omitted.events} more event(s) and {explanation.omitted.articles} more article(s) match; the
            explanation lists the first 20 of each.
          </p>
        )}
        <h3>Reported by</h3>
        <ul className="small" data-testid="alert-articles">
          {explanation.articles.map((s) => (
            <li key={s.articleId}>
              <Link to={`/articles/${s.articleId}`}>{s.title}</Link>{' '}
              <span className="muted">
                — {s.outlet}, {s.publishedAt.slice(0, 10)}
              </span>
            </li>
          ))}
        </ul>
      </Card>
      <Card title="What downstream was told">
        <ol className="history" data-testid="alert-announcements">
          {a.announcements.map((n) => (
            <li key={n.revision}>
              {formatTime(n.recordedAt)} — revision {n.revision}: {n.kind}, sent to{' '}
              {[n.delivered.queue && 'the alerts queue', n.delivered.webhook && 'the webhook']
                .filter(Boolean)
                .join(' and ') || 'nobody (updates are not delivered unless asked)'}
            </li>
          ))}
        </ol>
        <h3>Webhook deliveries</h3>
        <Deliveries alert={a} />
      </Card>
      {back}
    </div>
  );
}
