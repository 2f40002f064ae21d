import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { get, post } from '../api';
import { EventCard } from '../components/EventCard';
import { segmentText } from '../components/highlight';
import {
  ArticleStatus,
  Card,
  ErrorBox,
  Loading,
  TypeBadge,
  formatTime,
  typeColour,
  useCatalog,
} from '../components/ui';
import type { ArticleDetail, EventView } from '#read-models/contracts';
import { ModalityBadge, modalityClass, useModality } from '../modality';

export function ArticlePage() {
  const { id = '' } = useParams();
  const [selected, setSelected] = useState<string | null>(null);
  const { showAll, param: modality, setShowAll } = useModality();
  const article = useQuery({
    queryKey: ['article', id, modality],
    queryFn: () => get<ArticleDetail>(`/api/articles/${encodeURIComponent(id)}`, { modality }),
    // While coding or a change is on its way through the projections, look again soon.
    refetchInterval: (query) =>
      query.state.data?.status === 'received' || query.state.data?.recodeRequested ? 1_000 : 5_000,
  });
  const events = article.data?.events ?? [];
  const shown = useMemo(() => events.filter((e) => e.status === 'active'), [events]);
  const segments = useMemo(() => segmentText(article.data?.text ?? '', shown), [article.data?.text, shown]);

  if (article.isPending) return <Loading what="article" />;
  if (article.error) return <ErrorBox error={article.error} />;
  const a = article.data;
  const types = [...new Set(shown.map((e) => e.type))].sort();
  const otherModalities = [...new Set(shown.map((e) => e.modality).filter((m) => m !== 'asserted'))];

  return (
    <div className="article-layout" data-testid="article-page" data-article-id={a.id}>
      <Card
        title={<span data-testid="article-title">{a.title}</span>}
        actions={<RecodeButton articleId={a.id} pending={Boolean(a.recodeRequested)} />}
      >
        <p className="muted small">
          {a.outlet} · published {a.publishedAt.slice(0, 10)} ·{' '}
          <ArticleStatus status={a.status} language={a.language} />
          {a.coderVersion && <> · coder {a.coderVersion}</>} ·{' '}
          <a href={a.url} rel="noreferrer noopener" target="_blank">
            {a.url}
          </a>
        </p>
        {a.failureReason && <p className="error">Coding failed: {a.failureReason}</p>}
        <div className="legend">
          {types.map((t) => (
            <TypeBadge key={t} type={t} />
          ))}
          {otherModalities.length > 0 && <span className="muted small"> · dashed underline: </span>}
          {otherModalities.map((m) => (
            <ModalityBadge key={m} modality={m} />
          ))}
        </div>
        <div className="article-text" data-testid="article-text">
          {segments.map((s) =>
            s.events.length === 0 ? (
              <span key={s.start}>{s.text}</span>
            ) : (
              <mark
                key={s.start}
                data-event-types={[...new Set(s.events.map((e) => e.type))].join(' ')}
                data-event-ids={s.events.map((e) => e.eventId).join(' ')}
                className={
                  [
                    s.events.some((e) => e.eventId === selected) ? 'focus' : '',
                    s.events.every((e) => e.modality !== 'asserted') ? modalityClass(s.events[0]!.modality) : '',
                  ]
                    .join(' ')
                    .trim() || undefined
                }
                data-modalities={[...new Set(s.events.map((e) => e.modality))].join(' ')}
                style={{ background: stripes(s.events) }}
                title={s.events
                  .map((e) => (e.modality === 'asserted' ? e.type : `${e.type} (${e.modality})`))
                  .join(', ')}
                onClick={() => setSelected(s.events[0]!.eventId)}
              >
                {s.text}
              </mark>
            ),
          )}
        </div>
        <h3>History</h3>
        <ol className="history" data-testid="article-history">
          {a.history.map((h) => (
            <li key={h.streamVersion}>
              <span className="muted small">{formatTime(h.recordedAt)}</span> <strong>{h.type}</strong>
              {h.subject && <> {h.subject}</>}
              {h.by && <> by {h.by}</>}
              {h.reason && <> — “{h.reason}”</>}
            </li>
          ))}
        </ol>
      </Card>
      <aside className="events-column">
        <h2>
          Events{' '}
          <span className="muted small" data-testid="article-event-counts">
            ({a.eventCount} happened, {a.otherModalityEventCount} that did not (yet), {a.retractedEventCount} retracted)
          </span>
        </h2>
        {!showAll && a.otherModalityEventCount > 0 && (
          <p className="notice small" data-testid="hidden-modalities">
            {a.otherModalityEventCount} future, hypothetical or negated event(s) hidden.{' '}
            <button type="button" className="link" onClick={() => setShowAll(true)}>
              Show them, labelled
            </button>
          </p>
        )}
        {events.map((event) => (
          <EventCard
            key={event.eventId}
            event={event}
            selected={event.eventId === selected}
            onSelect={() => setSelected(event.eventId)}
          >
            {event.status === 'active' && <EventActions event={event} />}
          </EventCard>
        ))}
        {events.length === 0 && (
          <p className="muted">
            No coded events
            {a.status === 'received'
              ? ' yet: coding…'
              : a.status === 'unsupported-language'
                ? `: the coder reads English only, and this article is in ${a.language ?? 'another language'}.`
                : '.'}
          </p>
        )}
        <p className="small">
          <Link to="/articles">← all articles</Link>
        </p>
      </aside>
    </div>
  );
}

function stripes(events: EventView[]): string {
  const colours = [...new Set(events.map((e) => typeColour(e.type)))];
  if (colours.length === 1) return colours[0]!;
  const step = 100 / colours.length;
  return `linear-gradient(180deg, ${colours.map((c, i) => `${c} ${i * step}%, ${c} ${(i + 1) * step}%`).join(', ')})`;
}

function useArticleRefresh(articleId: string) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: ['article', articleId] });
    void client.invalidateQueries({ queryKey: ['timeline'] });
    void client.invalidateQueries({ queryKey: ['articles'] });
  };
}

function RecodeButton({ articleId, pending }: { articleId: string; pending: boolean }) {
  const refresh = useArticleRefresh(articleId);
  const [reason, setReason] = useState('');
  const [open, setOpen] = useState(false);
  const recode = useMutation({
    mutationFn: () => post(`/api/articles/${articleId}/recode`, reason.trim() ? { reason: reason.trim() } : {}),
    onSuccess: () => {
      setOpen(false);
      refresh();
    },
  });
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)} disabled={pending} data-testid="recode">
        {pending ? 'Re-code requested…' : 'Re-code'}
      </button>
    );
  return (
    <form className="inline-form" onSubmit={(e) => (e.preventDefault(), recode.mutate())}>
      <input
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder="why (optional)"
        aria-label="re-code reason"
      />
      <button type="submit" disabled={recode.isPending}>
        Re-code now
      </button>
      <button type="button" className="link" onClick={() => setOpen(false)}>
        cancel
      </button>
      <ErrorBox error={recode.error} />
    </form>
  );
}

function EventActions({ event }: { event: EventView }) {
  const [mode, setMode] = useState<'none' | 'retract' | 'correct'>('none');
  return (
    <div className="event-actions" onClick={(e) => e.stopPropagation()}>
      {mode === 'none' && (
        <>
          <button type="button" data-testid="retract" onClick={() => setMode('retract')}>
            Retract
          </button>
          <button type="button" data-testid="correct" onClick={() => setMode('correct')}>
            Correct
          </button>
        </>
      )}
      {mode === 'retract' && <RetractForm event={event} onDone={() => setMode('none')} />}
      {mode === 'correct' && <CorrectForm event={event} onDone={() => setMode('none')} />}
    </div>
  );
}

function RetractForm({ event, onDone }: { event: EventView; onDone: () => void }) {
  const refresh = useArticleRefresh(event.articleId);
  const [reason, setReason] = useState('');
  const retract = useMutation({
    mutationFn: () => post(`/api/events/${event.eventId}/retract`, { reason: reason.trim() }),
    onSuccess: () => {
      onDone();
      refresh();
    },
  });
  const tooShort = reason.trim().length < 3;
  return (
    <form className="inline-form" onSubmit={(e) => (e.preventDefault(), !tooShort && retract.mutate())}>
      <input
        autoFocus
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder="why retract? (3+ characters)"
        aria-label="retraction reason"
        name="reason"
      />
      <button type="submit" disabled={tooShort || retract.isPending} data-testid="confirm-retract">
        Retract event
      </button>
      <button type="button" className="link" onClick={onDone}>
        cancel
      </button>
      <ErrorBox error={retract.error} />
    </form>
  );
}

function CorrectForm({ event, onDone }: { event: EventView; onDone: () => void }) {
  const refresh = useArticleRefresh(event.articleId);
  const catalog = useCatalog();
  const [type, setType] = useState<string>(event.type);
  const [modality, setModality] = useState<string>(event.modality);
  const [start, setStart] = useState(event.date.start);
  const [end, setEnd] = useState(event.date.end);
  const [precision, setPrecision] = useState<string>(event.date.precision);
  const [reason, setReason] = useState('');
  const changes: Record<string, unknown> = {};
  if (type !== event.type) changes.type = type;
  if (modality !== event.modality) changes.modality = modality;
  if (start !== event.date.start || end !== event.date.end || precision !== event.date.precision)
    changes.date = { start, end, precision };
  const problems: string[] = [];
  if (Object.keys(changes).length === 0) problems.push('change at least one field');
  if (reason.trim().length < 3) problems.push('say why (3+ characters)');
  if (start > end) problems.push('the date must start on or before its end');
  const correct = useMutation({
    mutationFn: () => post(`/api/events/${event.eventId}/correct`, { reason: reason.trim(), changes }),
    onSuccess: () => {
      onDone();
      refresh();
    },
  });
  return (
    <form className="stack-form" onSubmit={(e) => (e.preventDefault(), problems.length === 0 && correct.mutate())}>
      <label>
        Type
        <select value={type} onChange={(e) => setType(e.target.value)}>
          {(catalog.data?.eventTypes ?? [event.type]).map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </label>
      <label>
        Modality
        <select value={modality} onChange={(e) => setModality(e.target.value)}>
          {(catalog.data?.modalities ?? [event.modality]).map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
      </label>
      <label>
        Date from <input type="date" value={start} onChange={(e) => setStart(e.target.value)} />
      </label>
      <label>
        to <input type="date" value={end} onChange={(e) => setEnd(e.target.value)} />
      </label>
      <label>
        Precision
        <select value={precision} onChange={(e) => setPrecision(e.target.value)}>
          {(catalog.data?.precisions ?? [precision]).map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      </label>
      <label>
        Reason <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder="why" />
      </label>
      {problems.length > 0 && <p className="muted small">{problems.join('; ')}</p>}
      <div>
        <button type="submit" disabled={problems.length > 0 || correct.isPending}>
          Save correction
        </button>
        <button type="button" className="link" onClick={onDone}>
          cancel
        </button>
      </div>
      <ErrorBox error={correct.error} />
    </form>
  );
}
