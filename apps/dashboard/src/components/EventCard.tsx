import { Link } from 'react-router';
import type { EventView } from '#read-models/contracts';
import { ModalityBadge, modalityClass } from '../modality';
import { TypeBadge, formatTime } from './ui';

export function Actors({ actors }: { actors: EventView['agent'] }) {
  if (actors.length === 0) return <span className="muted">—</span>;
  return (
    <>
      {actors.map((a, i) => (
        <span key={`${a.id}-${i}`}>
          {i > 0 && ', '}
          <Link to={`/actors/${encodeURIComponent(a.id)}`} title={`${a.country} · ${a.sector}`}>
            {a.name}
          </Link>{' '}
          <span className="muted small">({a.country})</span>
        </span>
      ))}
    </>
  );
}

export function DateText({ date }: { date: EventView['date'] }) {
  const range = date.start === date.end ? date.start : `${date.start} → ${date.end}`;
  return (
    <span title={date.text ? `from “${date.text}”` : undefined}>
      {range} <span className="muted small">({date.precision})</span>
    </span>
  );
}

/** One coded event: who did what to whom, when, how sure, and what was changed since. */
export function EventCard({
  event,
  selected,
  onSelect,
  children,
}: {
  event: EventView;
  selected?: boolean;
  onSelect?: () => void;
  children?: React.ReactNode;
}) {
  return (
    <article
      className={`event ${event.status === 'retracted' ? 'retracted' : ''} ${modalityClass(event.modality)} ${selected ? 'selected' : ''}`}
      data-testid="event-card"
      data-event-id={event.eventId}
      data-event-type={event.type}
      data-status={event.status}
      data-modality={event.modality}
      onClick={onSelect}
    >
      <header>
        <TypeBadge type={event.type} />
        <ModalityBadge modality={event.modality} />
        {event.status === 'retracted' && <span className="badge retracted-badge">retracted</span>}
        <span className="muted small">confidence {event.confidence.toFixed(2)}</span>
      </header>
      <dl>
        <dt>Agent</dt>
        <dd>
          <Actors actors={event.agent} />
        </dd>
        <dt>Target</dt>
        <dd>
          <Actors actors={event.target} />
        </dd>
        <dt>Date</dt>
        <dd>
          <DateText date={event.date} />
        </dd>
        <dt>Modality</dt>
        <dd>
          {event.modality}
          {event.modality !== 'asserted' && (
            <span className="muted small"> — not counted, charted, exported or alerted on unless asked</span>
          )}
        </dd>
        {event.location && (
          <>
            <dt>Where</dt>
            <dd data-testid="event-location">
              {event.location.name} ({event.location.country})
              {event.location.precision && (
                <span className="muted small">
                  {' '}
                  · {event.location.precision}
                  {event.location.region && event.location.precision === 'city' && `, ${event.location.region}`}
                  {event.location.lat !== undefined &&
                    ` · ${event.location.lat.toFixed(2)}, ${event.location.lon?.toFixed(2)}`}
                </span>
              )}
            </dd>
          </>
        )}
        <dt>Codes</dt>
        <dd>
          {event.modality === 'asserted' ? (
            <>
              CAMEO {event.cameo ?? '—'} · Goldstein {event.goldstein ?? '—'} · PLOVER {event.plover ?? '—'}
            </>
          ) : (
            <span title="A conflict code for an event that did not happen would count it as if it had">
              PLOVER {event.plover ?? '—'} ({event.modality}); CAMEO {event.cameo ?? '—'} and Goldstein{' '}
              {event.goldstein ?? '—'} apply only if it happens
            </span>
          )}
        </dd>
        {event.attribution && (
          <>
            <dt>Source</dt>
            <dd>{event.attribution}</dd>
          </>
        )}
        <dt>Evidence</dt>
        <dd>
          {event.evidence.map((span, i) => (
            <q key={i} className="evidence">
              {span.text}
            </q>
          ))}
        </dd>
      </dl>
      {event.history.length > 0 && (
        <ol className="history">
          {event.history.map((h) => (
            <li key={h.version}>
              <strong>{h.kind}</strong> by {h.by} on {formatTime(h.recordedAt)}: “{h.reason}”
              {h.changes && <code className="small"> {JSON.stringify(h.changes)}</code>}
            </li>
          ))}
        </ol>
      )}
      {children}
    </article>
  );
}
