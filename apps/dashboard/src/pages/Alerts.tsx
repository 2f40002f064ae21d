import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, del, get, post, put } from '../api';
import { type RuleDraft, emptyRule, fromSubscription, toSubscriptionBody, validateRule } from '../components/rule';
import { Card, ErrorBox, Loading, TypeBadge, formatTime, useCatalog } from '../components/ui';

// Alerts and subscriptions (issue #5): /api/subscriptions (CRUD), /api/alerts
// (list, one with its delivery attempts), replay of a dead letter.

interface Subscription {
  id: string;
  name: string;
  rule: Record<string, unknown>;
  delivery: Record<string, unknown>;
  createdAt?: string;
  updatedAt?: string;
  createdBy?: string;
  updatedBy?: string;
}

interface Attempt {
  attempt?: number;
  at?: string;
  attemptedAt?: string;
  status?: number | null;
  latencyMs?: number | null;
  error?: string | null;
}

interface Alert {
  id?: string;
  alertId?: string;
  subscriptionId: string;
  subscriptionName?: string;
  status: string;
  incidentId?: string | null;
  eventType?: string;
  type?: string;
  sourceCount?: number;
  raisedAt?: string;
  createdAt?: string;
  updatedAt?: string;
  explanation?: unknown;
  attempts?: Attempt[];
  deadLetter?: unknown;
}

const alertId = (a: Alert) => a.alertId ?? a.id ?? '';
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
              {['pending', 'delivered', 'failed', 'dead', 'retracted'].map((s) => (
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
                <td>{formatTime(a.raisedAt ?? a.createdAt)}</td>
                <td>{a.subscriptionName ?? subscriptions.data?.find((s) => s.id === a.subscriptionId)?.name ?? a.subscriptionId}</td>
                <td>{(a.eventType ?? a.type) && <TypeBadge type={(a.eventType ?? a.type)!} />}</td>
                <td>{a.sourceCount ?? '—'}</td>
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

function describeDelivery(d: Record<string, unknown>): string {
  const parts: string[] = [];
  if (d.queue) parts.push('alerts queue');
  const webhook = d.webhook as { url?: string } | null | undefined;
  if (webhook?.url) parts.push(`webhook ${webhook.url}`);
  return parts.join(' + ') || '—';
}

function AlertDetail({ id }: { id: string }) {
  const client = useQueryClient();
  const alert = useQuery({ queryKey: ['alert', id], queryFn: () => get<Alert>(`/api/alerts/${encodeURIComponent(id)}`), refetchInterval: 3_000 });
  const replay = useMutation({
    mutationFn: () => post(`/api/alerts/${encodeURIComponent(id)}/replay`),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['alert', id] });
      void client.invalidateQueries({ queryKey: ['alerts'] });
    },
  });
  if (alert.isPending) return <Loading what="alert" />;
  if (alert.error) return <ErrorBox error={alert.error} />;
  const a = alert.data;
  const dead = a.status === 'dead' || a.status === 'dead-letter' || Boolean(a.deadLetter);
  return (
    <div className="detail" data-testid="alert-detail">
      <h3>Alert {id}</h3>
      {a.incidentId && <p className="small">Incident {a.incidentId}</p>}
      {a.explanation !== undefined && (
        <details open>
          <summary>Why it matched</summary>
          <pre className="small">{JSON.stringify(a.explanation, null, 2)}</pre>
        </details>
      )}
      <h4>Delivery attempts</h4>
      <table className="grid">
        <thead>
          <tr>
            <th>#</th>
            <th>When</th>
            <th>HTTP status</th>
            <th>Latency</th>
            <th>Error</th>
          </tr>
        </thead>
        <tbody>
          {(a.attempts ?? []).map((t, i) => (
            <tr key={i}>
              <td>{t.attempt ?? i + 1}</td>
              <td>{formatTime(t.at ?? t.attemptedAt)}</td>
              <td>{t.status ?? '—'}</td>
              <td>{t.latencyMs == null ? '—' : `${t.latencyMs} ms`}</td>
              <td>{t.error ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {dead && (
        <button type="button" onClick={() => replay.mutate()} disabled={replay.isPending} data-testid="replay">
          Replay dead letter
        </button>
      )}
      <ErrorBox error={replay.error} />
    </div>
  );
}

function SubscriptionForm({ subscription, onDone }: { subscription: Subscription | null; onDone: () => void }) {
  const catalog = useCatalog();
  const client = useQueryClient();
  const [draft, setDraft] = useState<RuleDraft>(subscription ? fromSubscription(subscription) : emptyRule);
  const [touched, setTouched] = useState(false);
  const problems = validateRule(draft);
  const save = useMutation({
    mutationFn: () => {
      const body = toSubscriptionBody(draft);
      return subscription ? put(`/api/subscriptions/${encodeURIComponent(subscription.id)}`, body) : post('/api/subscriptions', body);
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['subscriptions'] });
      onDone();
    },
  });
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
        Actor ids <input name="actorIds" value={draft.actorIds} onChange={(e) => set('actorIds', e.target.value)} placeholder="mustafa-al-kadhimi" /> {problem('actorIds')}
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
        Words in the evidence <input name="words" value={draft.words} onChange={(e) => set('words', e.target.value)} placeholder="waiver, sanctions" />
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
