import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, del, get, post, put } from '../api';
import { type RuleDraft, emptyRule, fromSubscription, toSubscriptionBody, validateRule } from '../components/rule';
import { Card, ErrorBox, Loading, TypeBadge, formatTime, useCatalog } from '../components/ui';

// Alerts and subscriptions (apps/api/src/alerts): /api/subscriptions (CRUD,
// changes recorded with who made them), /api/alerts (list; one alert with its
// explanation, deliveries and every attempt), replay of dead letters.

interface Subscription {
  id: string;
  name: string;
  rule: Record<string, unknown>;
  delivery: { queue: boolean; webhook: { url: string } | null };
  notifyOnUpdate?: boolean;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  deletedAt?: string | null;
}

interface Attempt {
  attempt: number;
  url: string;
  startedAt: string;
  finishedAt: string | null;
  status: number | null;
  latencyMs: number | null;
  ok: boolean | null;
  error: string | null;
}

interface Delivery {
  revision: number;
  kind: string;
  webhookId: string;
  state: 'pending' | 'delivered' | 'dead';
  attempts: Attempt[];
  replays: number;
  createdAt: string;
  deliveredAt: string | null;
  lastError: string | null;
  deadLetters: { failedAt: string; attempts: number; lastError: string | null; replayedAt: string | null; replayedBy: string | null }[];
}

interface ExplainedEvent {
  eventId: string;
  articleId: string;
  type: string;
  modality: string;
  goldstein: number | null;
  agent: { id: string; name: string; country: string }[];
  target: { id: string; name: string; country: string }[];
  date: { start: string; end: string; precision: string };
  evidence: { start: number; end: number; text: string }[];
  matched: unknown[];
}

interface Alert {
  alertId: string;
  subscriptionId: string;
  subscriptionName: string;
  incidentId: string;
  status: 'active' | 'retracted';
  eventType: string;
  sourceCount: number;
  outletCount: number;
  raisedAt: string;
  updatedAt: string;
  explanation: { sources: { required: number; outlets: number; articles: number }; events: ExplainedEvent[]; articles: { articleId: string; title: string; outlet: string; url: string }[] };
}

interface AlertDetailView extends Alert {
  announcements: { revision: number; kind: string; recordedAt: string; delivered: { queue: boolean; webhook: boolean } }[];
  deliveries: Delivery[];
}

const alertId = (a: Alert) => a.alertId;
const itemsOf = <T,>(body: unknown, key: string): T[] => {
  if (Array.isArray(body)) return body as T[];
  const b = body as Record<string, unknown> | null;
  if (b && Array.isArray(b.items)) return b.items as T[];
  if (b && Array.isArray(b[key])) return b[key] as T[];
  return [];
};

export function AlertsPage() {
  const [editing, setEditing] = useState<Subscription | 'new' | null>(null);
  const [openAlert, setOpenAlert] = useState<string | null>(null);
  const [subscriptionFilter, setSubscriptionFilter] = useState('');
  const [statusFilter, setStatusFilter] = useState('');
  const client = useQueryClient();

  const subscriptions = useQuery({ queryKey: ['subscriptions'], queryFn: async () => itemsOf<Subscription>(await get('/api/subscriptions'), 'subscriptions'), refetchInterval: 15_000 });
  const alerts = useQuery({
    queryKey: ['alerts', subscriptionFilter, statusFilter],
    queryFn: async () => itemsOf<Alert>(await get('/api/alerts', { subscriptionId: subscriptionFilter, status: statusFilter, limit: 100 }), 'alerts'),
    refetchInterval: 5_000,
  });
  const remove = useMutation({
    mutationFn: (id: string) => del(`/api/subscriptions/${encodeURIComponent(id)}`),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['subscriptions'] }),
  });
  const missing = subscriptions.error instanceof ApiError && subscriptions.error.status === 404;

  return (
    <div data-testid="alerts-page">
      <Card
        title="Subscriptions"
        actions={
          <button type="button" onClick={() => setEditing('new')} data-testid="new-subscription">
            New subscription
          </button>
        }
      >
        {missing ? <p className="muted">This build has no alerting API (/api/subscriptions answered 404).</p> : <ErrorBox error={subscriptions.error} />}
        {subscriptions.isPending && <Loading what="subscriptions" />}
        {editing && <SubscriptionForm key={editing === 'new' ? 'new' : editing.id} subscription={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
        <table className="grid">
          <thead>
            <tr>
              <th>Name</th>
              <th>Rule</th>
              <th>Delivery</th>
              <th>Changed</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {subscriptions.data?.map((s) => (
              <tr key={s.id} data-testid="subscription-row">
                <td>{s.name}</td>
                <td>
                  <code className="small">{JSON.stringify(s.rule)}</code>
                </td>
                <td className="small">{describeDelivery(s.delivery)}</td>
                <td className="small">
                  {formatTime(s.updatedAt ?? s.createdAt)}
                  {(s.updatedBy ?? s.createdBy) && <> by {s.updatedBy ?? s.createdBy}</>}
                </td>
                <td>
                  <button type="button" onClick={() => setEditing(s)}>
                    Edit
                  </button>
                  <button type="button" className="danger" onClick={() => window.confirm(`Delete subscription “${s.name}”?`) && remove.mutate(s.id)}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <ErrorBox error={remove.error} />
      </Card>
      <Card title="Alerts">
        <div className="filters">
          <label>
            Subscription
            <select value={subscriptionFilter} onChange={(e) => setSubscriptionFilter(e.target.value)}>
              <option value="">any</option>
              {subscriptions.data?.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Status
            <select value={statusFilter} onChange={(e) => setStatusFilter(e.target.value)}>
              <option value="">any</option>
              {['active', 'retracted'].map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
        </div>
        {!missing && <ErrorBox error={alerts.error} />}
        <table className="grid">
          <thead>
            <tr>
              <th>Raised</th>
              <th>Subscription</th>
              <th>Type</th>
              <th>Sources</th>
              <th>Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {alerts.data?.map((a) => (
              <tr key={alertId(a)} data-testid="alert-row" data-status={a.status}>
                <td>{formatTime(a.raisedAt)}</td>
                <td>{a.subscriptionName}</td>
                <td>
                  <TypeBadge type={a.eventType} />
                </td>
                <td>
                  {a.sourceCount} <span className="muted small">({a.outletCount} outlet(s))</span>
                </td>
                <td>
                  <span className={`status status-${a.status}`}>{a.status}</span>
                </td>
                <td>
                  <button type="button" onClick={() => setOpenAlert(openAlert === alertId(a) ? null : alertId(a))}>
                    {openAlert === alertId(a) ? 'Hide' : 'Attempts'}
                  </button>
                </td>
              </tr>
            ))}
            {alerts.data?.length === 0 && (
              <tr>
                <td colSpan={6} className="muted">
                  No alerts.
                </td>
              </tr>
            )}
          </tbody>
        </table>
        {openAlert && <AlertDetail id={openAlert} />}
      </Card>
    </div>
  );
}

function describeDelivery(d: Subscription['delivery']): string {
  const parts: string[] = [];
  if (d.queue) parts.push('alerts queue');
  if (d.webhook?.url) parts.push(`webhook ${d.webhook.url}`);
  return parts.join(' + ') || '—';
}

function AlertDetail({ id }: { id: string }) {
  const client = useQueryClient();
  const alert = useQuery({ queryKey: ['alert', id], queryFn: () => get<AlertDetailView>(`/api/alerts/${encodeURIComponent(id)}`), refetchInterval: 3_000 });
  const replay = useMutation({
    mutationFn: (revision: number) => post(`/api/alerts/${encodeURIComponent(id)}/replay`, { revision }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['alert', id] });
      void client.invalidateQueries({ queryKey: ['alerts'] });
    },
  });
  if (alert.isPending) return <Loading what="alert" />;
  if (alert.error) return <ErrorBox error={alert.error} />;
  const a = alert.data;
  return (
    <div className="detail" data-testid="alert-detail">
      <h3>
        <TypeBadge type={a.eventType} /> alert for “{a.subscriptionName}” <span className={`status status-${a.status}`}>{a.status}</span>
      </h3>
      <p className="small muted">
        Incident {a.incidentId} · {a.explanation.sources.articles} article(s) from {a.explanation.sources.outlets} outlet(s)
        {a.explanation.sources.required > 1 && <>, {a.explanation.sources.required} required</>}
      </p>
      <h4>Why it matched</h4>
      <ul className="plain small">
        {a.explanation.events.map((e) => (
          <li key={e.eventId}>
            <TypeBadge type={e.type} /> {e.agent.map((x) => x.name).join(', ') || '—'} → {e.target.map((x) => x.name).join(', ') || '—'} · {e.date.start}
            {e.date.end !== e.date.start && <> → {e.date.end}</>} · {e.modality}
            {e.evidence.map((span, i) => (
              <q key={i} className="evidence">
                {span.text}
              </q>
            ))}
            <code className="small">{JSON.stringify(e.matched)}</code>
          </li>
        ))}
      </ul>
      <h4>Sources</h4>
      <ul className="small">
        {a.explanation.articles.map((s) => (
          <li key={s.articleId}>
            <Link to={`/articles/${s.articleId}`}>{s.title}</Link> <span className="muted">— {s.outlet}</span>
          </li>
        ))}
      </ul>
      <h4>Webhook deliveries</h4>
      {a.deliveries.length === 0 && <p className="muted small">No webhook deliveries (queue only).</p>}
      {a.deliveries.map((d) => (
        <div key={`${d.revision}-${d.webhookId}`} data-testid="delivery" data-state={d.state}>
          <p className="small">
            Revision {d.revision} ({d.kind}) · webhook-id <code>{d.webhookId}</code> · <span className={`status status-${d.state}`}>{d.state}</span>
            {d.replays > 0 && <> · replayed {d.replays}×</>}
            {d.state === 'dead' && (
              <button type="button" onClick={() => replay.mutate(d.revision)} disabled={replay.isPending} data-testid="replay" style={{ marginLeft: 8 }}>
                Replay dead letter
              </button>
            )}
          </p>
          <table className="grid">
            <thead>
              <tr>
                <th>#</th>
                <th>Started</th>
                <th>URL</th>
                <th>HTTP status</th>
                <th>Latency</th>
                <th>Error</th>
              </tr>
            </thead>
            <tbody>
              {d.attempts.map((t) => (
                <tr key={t.attempt}>
                  <td>{t.attempt}</td>
                  <td>{formatTime(t.startedAt)}</td>
                  <td className="small">{t.url}</td>
                  <td>{t.status ?? '—'}</td>
                  <td>{t.latencyMs == null ? '—' : `${t.latencyMs} ms`}</td>
                  <td className="small">{t.error ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      <ErrorBox error={replay.error} />
      <h4>Announcements</h4>
      <ol className="history">
        {a.announcements.map((n) => (
          <li key={n.revision}>
            {formatTime(n.recordedAt)} revision {n.revision}: {n.kind}
            {n.delivered.queue && ' · queue'}
            {n.delivered.webhook && ' · webhook'}
          </li>
        ))}
      </ol>
    </div>
  );
}

function SubscriptionForm({ subscription, onDone }: { subscription: Subscription | null; onDone: () => void }) {
  const catalog = useCatalog();
  const client = useQueryClient();
  const [draft, setDraft] = useState<RuleDraft>(subscription ? fromSubscription(subscription) : emptyRule);
  const [touched, setTouched] = useState(false);
  const problems = validateRule(draft);
  const [secret, setSecret] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => {
      const body = toSubscriptionBody(draft);
      return subscription
        ? put<{ webhookSecret?: string | null }>(`/api/subscriptions/${encodeURIComponent(subscription.id)}`, body)
        : post<{ webhookSecret?: string | null }>('/api/subscriptions', body);
    },
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: ['subscriptions'] });
      // A generated webhook secret is shown once, here; the API never returns it again.
      if (saved?.webhookSecret) setSecret(saved.webhookSecret);
      else onDone();
    },
  });
  if (secret)
    return (
      <div className="rule-builder" data-testid="webhook-secret">
        <p>
          Saved. The webhook secret, shown only now — give it to the receiver to verify signatures: <code>{secret}</code>
        </p>
        <button type="button" onClick={onDone}>
          Done
        </button>
      </div>
    );
  const set = <K extends keyof RuleDraft>(key: K, value: RuleDraft[K]) => setDraft({ ...draft, [key]: value });
  const toggle = (key: 'eventTypes' | 'modalities', value: string) => set(key, draft[key].includes(value) ? draft[key].filter((v) => v !== value) : [...draft[key], value]);
  const problem = (key: string) => touched && problems[key] && <span className="error small">{problems[key]}</span>;

  return (
    <form
      className="rule-builder"
      data-testid="subscription-form"
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        if (Object.keys(problems).length === 0) save.mutate();
      }}
    >
      <h3>{subscription ? `Edit “${subscription.name}”` : 'New subscription'}</h3>
      <label>
        Name <input name="name" value={draft.name} onChange={(e) => set('name', e.target.value)} /> {problem('name')}
      </label>
      <fieldset>
        <legend>Event types (none: any)</legend>
        <div className="checks">
          {catalog.data?.eventTypes.map((t) => (
            <label key={t} className="check">
              <input type="checkbox" name="eventType" value={t} checked={draft.eventTypes.includes(t)} onChange={() => toggle('eventTypes', t)} /> {t}
            </label>
          ))}
        </div>
      </fieldset>
      <label>
        Countries <input name="countries" value={draft.countries} onChange={(e) => set('countries', e.target.value)} placeholder="IRQ, IRN" />
        <select name="countryRole" value={draft.countryRole} onChange={(e) => set('countryRole', e.target.value as RuleDraft['countryRole'])}>
          <option value="either">as agent or target</option>
          <option value="agent">as agent</option>
          <option value="target">as target</option>
        </select>{' '}
        {problem('countries')}
      </label>
      <label>
        Actor ids <input name="actorIds" value={draft.actorIds} onChange={(e) => set('actorIds', e.target.value)} placeholder="mustafa-al-kadhimi" />
        <select name="actorRole" value={draft.actorRole} onChange={(e) => set('actorRole', e.target.value as RuleDraft['actorRole'])}>
          <option value="either">as agent or target</option>
          <option value="agent">as agent</option>
          <option value="target">as target</option>
        </select>{' '}
        {problem('actorIds')}
      </label>
      <label>
        Goldstein from <input name="goldsteinMin" value={draft.goldsteinMin} onChange={(e) => set('goldsteinMin', e.target.value)} size={4} /> to{' '}
        <input name="goldsteinMax" value={draft.goldsteinMax} onChange={(e) => set('goldsteinMax', e.target.value)} size={4} /> {problem('goldsteinMin')} {problem('goldsteinMax')}
      </label>
      <fieldset>
        <legend>Modality (none: any)</legend>
        {catalog.data?.modalities.map((m) => (
          <label key={m} className="check">
            <input type="checkbox" checked={draft.modalities.includes(m)} onChange={() => toggle('modalities', m)} /> {m}
          </label>
        ))}
      </fieldset>
      <label>
        Words in the evidence <input name="words" value={draft.words} onChange={(e) => set('words', e.target.value)} placeholder="sanctions waiver, electricity" /> {problem('words')}
      </label>
      <label>
        Min. independent sources <input name="minSources" type="number" min={1} value={draft.minSources} onChange={(e) => set('minSources', e.target.value)} style={{ width: '5em' }} /> {problem('minSources')}
      </label>
      <fieldset>
        <legend>Deliver to</legend>
        <label className="check">
          <input type="checkbox" name="deliverToQueue" checked={draft.deliverToQueue} onChange={(e) => set('deliverToQueue', e.target.checked)} /> the <code>alerts</code> queue
        </label>
        <label>
          Webhook URL <input name="webhookUrl" value={draft.webhookUrl} onChange={(e) => set('webhookUrl', e.target.value)} placeholder="https://…" size={40} /> {problem('webhookUrl')}
        </label>
        {draft.webhookUrl && (
          <label>
            Secret <input name="webhookSecret" value={draft.webhookSecret} onChange={(e) => set('webhookSecret', e.target.value)} placeholder="whsec_… (empty: the server makes one)" size={40} /> {problem('webhookSecret')}
          </label>
        )}
        {problem('delivery')}
        <label className="check">
          <input type="checkbox" name="notifyOnUpdate" checked={draft.notifyOnUpdate} onChange={(e) => set('notifyOnUpdate', e.target.checked)} /> also deliver when an alert changes (more sources), not only when raised or retracted
        </label>
      </fieldset>
      {problem('rule')}
      <div>
        <button type="submit" disabled={save.isPending} data-testid="save-subscription">
          Save
        </button>
        <button type="button" className="link" onClick={onDone}>
          cancel
        </button>
      </div>
      <ErrorBox error={save.error} />
      <p className="small muted">
        Rule preview: <code>{JSON.stringify(toSubscriptionBody(draft).rule)}</code> · <Link to="/timeline">check it against the timeline</Link>
      </p>
    </form>
  );
}
