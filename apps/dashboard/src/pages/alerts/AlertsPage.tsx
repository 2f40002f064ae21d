import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { AlertViewJson, SubscriptionJson } from '#alerts/contracts';
import type { Page } from '#read-models/contracts';
import { ApiError, del, get } from '../../api';
import { Pager } from '../../components/Pager';
import { describeRule } from '../../components/rule-text';
import { Card, ErrorBox, Loading, TypeBadge, cursorSetter, formatTime } from '../../components/ui';
import { SubscriptionForm } from './SubscriptionForm';

// Alerts and subscriptions (apps/api/src/alerts): the subscriptions with their
// rules in words, and every alert, page by page; an alert's explanation and
// deliveries are on its own page (AlertPage).

export function AlertsPage() {
  const [editing, setEditing] = useState<SubscriptionJson | 'new' | null>(null);
  const [params, setParams] = useSearchParams();
  const subscriptionFilter = params.get('subscriptionId') ?? '';
  const statusFilter = params.get('status') ?? '';
  const cursor = params.get('cursor') ?? '';
  const [subscriptionOffset, setSubscriptionOffset] = useState(0);
  const client = useQueryClient();

  const subscriptions = useQuery({
    queryKey: ['subscriptions', subscriptionOffset],
    queryFn: () => get<Page<SubscriptionJson>>('/api/subscriptions', { limit: 50, offset: subscriptionOffset }),
    refetchInterval: 15_000,
    placeholderData: keepPreviousData,
  });
  const alerts = useQuery({
    queryKey: ['alerts', subscriptionFilter, statusFilter, cursor],
    queryFn: () =>
      get<Page<AlertViewJson>>('/api/alerts', {
        subscriptionId: subscriptionFilter,
        status: statusFilter,
        cursor,
        limit: 50,
      }),
    refetchInterval: 5_000,
    placeholderData: keepPreviousData,
  });
  const remove = useMutation({
    mutationFn: (id: string) => del(`/api/subscriptions/${encodeURIComponent(id)}`),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['subscriptions'] }),
  });
  const missing = subscriptions.error instanceof ApiError && subscriptions.error.status === 404;
  const setFilter = (key: string, value: string) =>
    setParams((p) => {
      if (value) p.set(key, value);
      else p.delete(key);
      p.delete('cursor');
      return p;
    });

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
        {missing ? (
          <p className="muted">This build has no alerting API (/api/subscriptions answered 404).</p>
        ) : (
          <ErrorBox error={subscriptions.error} />
        )}
        {subscriptions.isPending && <Loading what="subscriptions" />}
        {editing && (
          <SubscriptionForm
            key={editing === 'new' ? 'new' : editing.id}
            subscription={editing === 'new' ? null : editing}
            onDone={() => setEditing(null)}
          />
        )}
        <table className="grid">
          <thead>
            <tr>
              <th>Name</th>
              <th>Alerts on</th>
              <th>Delivery</th>
              <th>Changed</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {subscriptions.data?.items.map((s) => (
              <tr key={s.id} data-testid="subscription-row">
                <td>{s.name}</td>
                <td className="small" data-testid="rule-sentence">
                  {describeRule(s.rule)}
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
                  <button
                    type="button"
                    className="danger"
                    onClick={() => window.confirm(`Delete subscription “${s.name}”?`) && remove.mutate(s.id)}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <Pager
          page={subscriptions.data}
          onCursor={(c) => setSubscriptionOffset(c ? subscriptionOffsetOf(c) : 0)}
          what="subscriptions"
        />
        <ErrorBox error={remove.error} />
      </Card>
      <Card title="Alerts">
        <div className="filters">
          <label>
            Subscription
            <select value={subscriptionFilter} onChange={(e) => setFilter('subscriptionId', e.target.value)}>
              <option value="">any</option>
              {subscriptions.data?.items.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Status
            <select value={statusFilter} onChange={(e) => setFilter('status', e.target.value)}>
              <option value="">any</option>
              {['active', 'retracted'].map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
        </div>
        {!missing && <ErrorBox error={alerts.error} />}
        <Pager page={alerts.data} onCursor={cursorSetter(setParams)} what="alerts" />
        <table className="grid">
          <thead>
            <tr>
              <th>Raised</th>
              <th>Subscription</th>
              <th>Type</th>
              <th>What</th>
              <th>Sources</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {alerts.data?.items.map((a) => (
              <tr key={a.alertId} data-testid="alert-row" data-alert-id={a.alertId} data-status={a.status}>
                <td>
                  <Link to={`/alerts/${a.alertId}`} data-testid="alert-link">
                    {formatTime(a.raisedAt)}
                  </Link>
                </td>
                <td>{a.subscriptionName}</td>
                <td>
                  <TypeBadge type={a.eventType} />
                </td>
                <td className="small">{firstEvidence(a)}</td>
                <td>
                  {a.sourceCount} <span className="muted small">({a.outletCount} outlet(s))</span>
                </td>
                <td>
                  <span className={`status status-${a.status}`}>{a.status}</span>
                </td>
              </tr>
            ))}
            {alerts.data?.items.length === 0 && (
              <tr>
                <td colSpan={6} className="muted">
                  No alerts.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </Card>
    </div>
  );
}

/** Subscriptions page by offset (their list is not pinned in time: it is the current set). */
function subscriptionOffsetOf(cursor: string): number {
  try {
    return (JSON.parse(atob(cursor.replace(/-/g, '+').replace(/_/g, '/'))) as { o: number }).o;
  } catch {
    return 0;
  }
}

export function describeDelivery(d: SubscriptionJson['delivery']): string {
  const parts: string[] = [];
  if (d.queue) parts.push('the alerts queue');
  if (d.webhook?.url) parts.push(`webhook ${d.webhook.url}`);
  return parts.join(' and ') || '—';
}

function firstEvidence(a: AlertViewJson): string {
  const first = a.explanation.events[0];
  if (!first) return '';
  const sides = `${first.agent.map((x) => x.name).join(', ') || '?'} → ${first.target.map((x) => x.name).join(', ') || '?'}`;
  return first.evidence[0] ? `${sides}: “${first.evidence[0].text}”` : sides;
}
