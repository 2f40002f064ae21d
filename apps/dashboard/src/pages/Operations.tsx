import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { del, get, post } from '../api';
import { Card, ErrorBox, Loading, formatTime } from '../components/ui';
import type { ConsumerStatusView, FeedView, QueueCounts } from '../types';

export function OperationsPage() {
  const consumers = useQuery({ queryKey: ['ops', 'consumers'], queryFn: () => get<{ consumers: ConsumerStatusView[]; logPosition: string }>('/api/operations/consumers'), refetchInterval: 3_000 });
  const queues = useQuery({ queryKey: ['ops', 'queues'], queryFn: () => get<{ queues: QueueCounts[] }>('/api/operations/queues'), refetchInterval: 5_000 });
  return (
    <div data-testid="operations-page">
      <Card title="Log consumers" actions={<span className="muted small">event log at position {consumers.data?.logPosition ?? '…'}</span>}>
        <ErrorBox error={consumers.error} />
        {consumers.isPending ? (
          <Loading />
        ) : (
          <table className="grid" data-testid="consumers">
            <thead>
              <tr>
                <th>Consumer</th>
                <th>Position</th>
                <th>Behind (events)</th>
                <th>Oldest unhandled</th>
                <th>Checkpoint written</th>
                <th>Here</th>
              </tr>
            </thead>
            <tbody>
              {consumers.data?.consumers.map((c) => (
                <tr key={c.consumer} data-testid="consumer-row">
                  <td>{c.consumer}</td>
                  <td>
                    {c.globalPosition} <span className="muted small">(xid {c.transactionId})</span>
                  </td>
                  <td className={c.lagEvents > 0 ? 'warn' : undefined}>{c.lagEvents}</td>
                  <td>{c.lagSeconds > 0 ? `${c.lagSeconds.toFixed(1)} s` : 'caught up'}</td>
                  <td>{formatTime(c.updatedAt)}</td>
                  <td>{c.runningHere ? (c.leader ? 'leader' : 'standby') : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="muted small">Rebuilds run blue/green beside the live projection; this build has no rebuild API yet, so there is no rebuild button.</p>
      </Card>
      <Card title="Queues" actions={<a href="/admin/queues">Open bull-board →</a>}>
        <ErrorBox error={queues.error} />
        <table className="grid">
          <thead>
            <tr>
              <th>Queue</th>
              {['waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized'].map((k) => (
                <th key={k}>{k}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {queues.data?.queues.map((q) => (
              <tr key={q.name}>
                <td>{q.name}</td>
                {['waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized'].map((k) => (
                  <td key={k}>{q.error ? '—' : (q.counts[k] ?? 0)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <FeedsCard />
    </div>
  );
}

function FeedsCard() {
  const client = useQueryClient();
  const feeds = useQuery({ queryKey: ['feeds'], queryFn: () => get<{ feeds: FeedView[] }>('/api/feeds'), refetchInterval: 10_000 });
  const [url, setUrl] = useState('');
  const [outlet, setOutlet] = useState('');
  const [interval, setInterval] = useState('900');
  const add = useMutation({
    mutationFn: () => post('/api/feeds', { url: url.trim(), outlet: outlet.trim(), pollIntervalSeconds: Number(interval) }),
    onSuccess: () => {
      setUrl('');
      setOutlet('');
      void client.invalidateQueries({ queryKey: ['feeds'] });
    },
  });
  const remove = useMutation({ mutationFn: (id: string) => del(`/api/feeds/${encodeURIComponent(id)}`), onSuccess: () => void client.invalidateQueries({ queryKey: ['feeds'] }) });
  let urlProblem = '';
  if (url.trim()) {
    try {
      if (!/^https?:$/.test(new URL(url.trim()).protocol)) urlProblem = 'http(s) only';
    } catch {
      urlProblem = 'not a URL';
    }
  }
  const canAdd = url.trim() && outlet.trim() && !urlProblem && Number(interval) > 0;
  return (
    <Card title="Feeds">
      <ErrorBox error={feeds.error} />
      <table className="grid">
        <thead>
          <tr>
            <th>Outlet</th>
            <th>URL</th>
            <th>Every</th>
            <th>Last success</th>
            <th>Last error</th>
            <th>Ingested / seen</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {feeds.data?.feeds.map((f) => (
            <tr key={f.id}>
              <td>{f.outlet}</td>
              <td className="small">{f.url}</td>
              <td>{f.pollIntervalSeconds} s</td>
              <td>{formatTime(f.lastSuccessAt)}</td>
              <td className="small">{f.lastError ? `${f.lastError} (${formatTime(f.lastErrorAt)})` : '—'}</td>
              <td>
                {f.items?.ingested ?? 0} / {f.items?.seen ?? 0}
              </td>
              <td>
                <button type="button" className="danger" onClick={() => window.confirm(`Stop polling ${f.url}?`) && remove.mutate(f.id)}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
          {feeds.data?.feeds.length === 0 && (
            <tr>
              <td colSpan={7} className="muted">
                No feeds registered.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <form className="filters" onSubmit={(e) => (e.preventDefault(), canAdd && add.mutate())}>
        <label>
          Feed URL <input value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://example.org/rss" size={36} /> {urlProblem && <span className="error small">{urlProblem}</span>}
        </label>
        <label>
          Outlet <input value={outlet} onChange={(e) => setOutlet(e.target.value)} />
        </label>
        <label>
          Every (s) <input type="number" min={60} value={interval} onChange={(e) => setInterval(e.target.value)} style={{ width: '6em' }} />
        </label>
        <button type="submit" disabled={!canAdd || add.isPending}>
          Add feed
        </button>
      </form>
      <ErrorBox error={add.error ?? remove.error} />
    </Card>
  );
}
