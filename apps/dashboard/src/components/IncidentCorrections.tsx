import { type QueryClient, useMutation, useQueries, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, get, post } from '../api';
import type {
  ArticleDetail,
  EventView,
  IncidentCorrection,
  IncidentSource,
  IncidentView,
} from '#read-models/contracts';
import { mergeBody, mergeProblems, mergeTarget, splitBody, splitProblems } from './incident-corrections';
import { ModalityBadge } from '../modality';
import { ErrorBox, TypeBadge, formatTime } from './ui';

// Analysts' merges and splits of incidents (POST /api/incidents/merge and
// /api/incidents/:id/split). The API answers 202 once the correction is in the
// log; the incidents read model follows a moment later, so each action waits
// until GET /api/incidents shows it before the lists are fetched again.

export const incidentPath = (id: string) => `/incidents/${encodeURIComponent(id)}`;
const incidentUrl = (id: string) => `/api/incidents/${encodeURIComponent(id)}`;

/** The coded events of an incident's sources (GET /api/articles/:id of each), by event id. */
export function useIncidentEvents(sources: IncidentSource[]) {
  const articles = useQueries({
    queries: sources.map((s) => ({
      queryKey: ['article', s.articleId, 'all'],
      // Incidents group future events too: ask for every modality (each is labelled where shown).
      queryFn: () => get<ArticleDetail>(`/api/articles/${encodeURIComponent(s.articleId)}`, { modality: 'all' }),
      staleTime: 30_000,
    })),
  });
  const byId = new Map<string, EventView>();
  for (const article of articles) for (const event of article.data?.events ?? []) byId.set(event.eventId, event);
  return { byId, loading: articles.some((a) => a.isPending), error: articles.find((a) => a.error)?.error ?? null };
}

async function incidentExists(id: string): Promise<boolean> {
  try {
    await get<IncidentView>(incidentUrl(id));
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return false;
    throw error;
  }
}

async function untilShown(what: string, shown: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await shown())) {
    if (Date.now() > deadline)
      throw new Error(`${what} was recorded, but the incidents do not show it yet; the list will catch up by itself.`);
    await new Promise((resolve) => setTimeout(resolve, 400));
  }
}

/** Merges, then waits until every merged-away incident is gone (its events moved into `into`). */
async function mergeAndWait(body: ReturnType<typeof mergeBody>): Promise<string> {
  await post('/api/incidents/merge', body);
  const mergedAway = body.incidentIds.filter((id) => id !== body.into);
  await untilShown('The merge', async () =>
    (await Promise.all(mergedAway.map(incidentExists))).every((exists) => !exists),
  );
  return body.into;
}

/** Splits, then waits until the events have left the incident; answers the new incident's id. */
async function splitAndWait(incidentId: string, body: ReturnType<typeof splitBody>): Promise<string | null> {
  await post(`${incidentUrl(incidentId)}/split`, body);
  let created: string | null = null;
  await untilShown('The split', async () => {
    const incident = await get<IncidentView>(incidentUrl(incidentId));
    const left = new Set(incident.sources.flatMap((s) => s.eventIds));
    if (body.eventIds.some((id) => left.has(id))) return false;
    const entry = incident.history.findLast(
      (h) => h.kind === 'split' && h.from === incidentId && h.eventIds?.includes(body.eventIds[0]!),
    );
    created = entry?.to ?? null;
    return true;
  });
  return created;
}

function refetchIncidents(client: QueryClient): void {
  void client.invalidateQueries({ queryKey: ['incidents'] });
  void client.invalidateQueries({ queryKey: ['incident'] });
}

const names = (actors: { name: string }[]) => (actors.length ? actors.map((a) => a.name).join(', ') : '—');

/** One event of an incident in a line: type, who → whom, when, the first evidence span. */
export function EventLine({ event }: { event: EventView }) {
  const date = event.date.start === event.date.end ? event.date.start : `${event.date.start} → ${event.date.end}`;
  return (
    <span className="event-line">
      <TypeBadge type={event.type} />
      <ModalityBadge modality={event.modality} /> {names(event.agent)} → {names(event.target)}{' '}
      <span className="muted small">{date}</span>
      {event.evidence[0] && <q className="evidence-inline">{event.evidence[0].text}</q>}
    </span>
  );
}

function IncidentRef({ id, current }: { id: string | undefined; current?: string }) {
  if (!id) return <span className="muted">?</span>;
  if (id === current) return <strong>this incident</strong>;
  return (
    <Link to={incidentPath(id)}>
      <code className="small">{id}</code>
    </Link>
  );
}

/** Merges and splits concerning an incident, oldest first: what, by whom, why, when. */
export function IncidentHistory({ history, current }: { history: IncidentCorrection[]; current: string }) {
  if (history.length === 0)
    return (
      <p className="muted small" data-testid="incident-history">
        No analyst has merged or split it: grouped automatically.
      </p>
    );
  return (
    <ol className="history" data-testid="incident-history">
      {history.map((h) => (
        <li key={h.logPosition} data-kind={h.kind}>
          <span className="muted small">{formatTime(h.recordedAt)}</span> <strong>{h.kind}</strong>{' '}
          {h.kind === 'merged' ? (
            <>
              {(h.incidentIds ?? [])
                .filter((id) => id !== h.into)
                .map((id, n) => (
                  <span key={id}>
                    {n > 0 && ', '}
                    <code className="small">{id}</code>
                  </span>
                ))}{' '}
              into <IncidentRef id={h.into} current={current} />
            </>
          ) : (
            <>
              {h.eventIds?.length ?? 0} event(s) from <IncidentRef id={h.from} current={current} /> into{' '}
              <IncidentRef id={h.to} current={current} />
            </>
          )}{' '}
          by <span data-testid="correction-by">{h.by}</span> — “<span data-testid="correction-reason">{h.reason}</span>”
        </li>
      ))}
    </ol>
  );
}

/**
 * The selected incidents (as they looked when ticked; one may have left the list
 * since), the one to keep, a reason; merges them and waits for the read model.
 */
export function MergePanel({
  selected,
  listed,
  onUnselect,
  onClear,
  onMerged,
}: {
  selected: IncidentView[];
  listed: Set<string>;
  onUnselect: (id: string) => void;
  onClear: () => void;
  onMerged: (into: string) => void;
}) {
  const client = useQueryClient();
  const [chosen, setChosen] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const ids = selected.map((i) => i.incidentId);
  const into = mergeTarget(ids, chosen);
  const problems = mergeProblems(ids, into, reason);
  const merge = useMutation({
    mutationFn: () => mergeAndWait(mergeBody(ids, into!, reason)),
    onSuccess: (kept) => {
      setReason('');
      setChosen(null);
      onMerged(kept);
    },
    onSettled: () => refetchIncidents(client),
  });
  return (
    <section className="merge-panel" data-testid="merge-panel">
      <h3>
        Merge {selected.length} selected incident{selected.length === 1 ? '' : 's'}
      </h3>
      <p className="muted small">
        Keep one: the others' events move into it, and automatic grouping keeps them together from then on.
      </p>
      <ul className="plain">
        {selected.map((i) => (
          <li key={i.incidentId} data-testid="merge-candidate" data-incident-id={i.incidentId}>
            <label>
              <input
                type="radio"
                name="merge-into"
                value={i.incidentId}
                checked={into === i.incidentId}
                onChange={() => setChosen(i.incidentId)}
              />{' '}
              keep <TypeBadge type={i.type} /> {i.sources[0]?.title ?? ''}{' '}
              <span className="muted small">({i.eventCount} event(s))</span>{' '}
              <code className="small">{i.incidentId}</code>
            </label>
            {!listed.has(i.incidentId) && <span className="muted small"> — not in the list now</span>}{' '}
            <button
              type="button"
              className="link"
              onClick={() => {
                merge.reset();
                onUnselect(i.incidentId);
              }}
            >
              remove
            </button>
          </li>
        ))}
      </ul>
      <form className="inline-form" onSubmit={(e) => (e.preventDefault(), problems.length === 0 && merge.mutate())}>
        <input
          name="merge-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="why merge? (3+ characters)"
          aria-label="merge reason"
        />
        <button type="submit" data-testid="merge-submit" disabled={problems.length > 0 || merge.isPending}>
          {merge.isPending ? 'Merging…' : 'Merge selected'}
        </button>
        <button type="button" className="link" onClick={onClear} disabled={merge.isPending}>
          clear selection
        </button>
      </form>
      {problems.length > 0 && (
        <p className="muted small" data-testid="merge-problems">
          {problems.join('; ')}
        </p>
      )}
      <ErrorBox error={merge.error} />
    </section>
  );
}

/** Pick events of an incident to move into a new one, say why; splits and waits for the read model. */
export function SplitForm({
  incident,
  onSplit,
  onCancel,
}: {
  incident: IncidentView;
  onSplit: (created: string | null) => void;
  onCancel: () => void;
}) {
  const client = useQueryClient();
  const events = useIncidentEvents(incident.sources);
  const [chosen, setChosen] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const problems = splitProblems(chosen, incident.eventCount, reason);
  const split = useMutation({
    mutationFn: () => splitAndWait(incident.incidentId, splitBody(chosen, reason)),
    onSuccess: onSplit,
    onSettled: () => refetchIncidents(client),
  });
  const toggle = (eventId: string, on: boolean) =>
    setChosen((now) => (on ? [...now, eventId] : now.filter((id) => id !== eventId)));
  return (
    <form
      className="split-form"
      data-testid="split-form"
      onSubmit={(e) => (e.preventDefault(), problems.length === 0 && split.mutate())}
    >
      <p className="small">Take these events out into a new incident:</p>
      {incident.sources.map((source) => (
        <fieldset key={source.articleId}>
          <legend>
            {source.title} <span className="muted small">— {source.outlet}</span>
          </legend>
          {source.eventIds.map((eventId) => {
            const event = events.byId.get(eventId);
            return (
              <label key={eventId} className="split-event" data-testid="split-event" data-event-id={eventId}>
                <input
                  type="checkbox"
                  name="split-event"
                  value={eventId}
                  checked={chosen.includes(eventId)}
                  onChange={(e) => toggle(eventId, e.target.checked)}
                />{' '}
                {event ? <EventLine event={event} /> : <code className="small">{eventId}</code>}
              </label>
            );
          })}
        </fieldset>
      ))}
      {events.loading && <p className="muted small">Loading the events…</p>}
      <ErrorBox error={events.error} />
      <div className="inline-form">
        <input
          name="split-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="why split? (3+ characters)"
          aria-label="split reason"
        />
        <button type="submit" data-testid="split-submit" disabled={problems.length > 0 || split.isPending}>
          {split.isPending ? 'Splitting…' : 'Split off'}
        </button>
        <button type="button" className="link" onClick={onCancel} disabled={split.isPending}>
          cancel
        </button>
      </div>
      {problems.length > 0 && (
        <p className="muted small" data-testid="split-problems">
          {problems.join('; ')}
        </p>
      )}
      <ErrorBox error={split.error} />
    </form>
  );
}

/** What the last merge or split did, with a link to the incident it left. */
export function CorrectionNotice({
  notice,
  onClose,
}: {
  notice: { kind: 'merged' | 'split'; incidentId: string | null } | null;
  onClose: () => void;
}) {
  if (!notice) return null;
  return (
    <p className="notice" data-testid="correction-notice">
      {notice.kind === 'merged' ? 'Merged into ' : 'Split off as '}
      {notice.incidentId ? <IncidentRef id={notice.incidentId} /> : 'a new incident'}.{' '}
      <button type="button" className="link" onClick={onClose}>
        dismiss
      </button>
    </p>
  );
}
