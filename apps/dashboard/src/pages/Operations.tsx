import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, del, get, post } from '../api';
import { Card, ErrorBox, Loading, formatTime } from '../components/ui';
import type { FeedViewJson as FeedView } from '#feeds/contracts';
import type { RebuildView } from '#read-models/contracts';
import type { ConsumerView, QueueView } from '../../../api/src/operations/operations.schema';
import { QueueNotes } from '../components/QueueNotes';
import { CodingFailuresCard } from './operations/CodingFailuresCard';
import { ParkedEventsCard } from './operations/ParkedEventsCard';

export function OperationsPage() {
  const consumers = useQuery({
    queryKey: ['ops', 'consumers'],
    queryFn: () => get<{ consumers: ConsumerView[]; logPosition: string }>('/api/operations/consumers'),
    refetchInterval: 3_000,
  });
  const queues = useQuery({
    queryKey: ['ops', 'queues'],
    queryFn: () => get<{ queues: QueueView[] }>('/api/operations/queues'),
    refetchInterval: 5_000,
  });
  const rebuilds = useQuery({
    queryKey: ['ops', 'rebuilds'],
    queryFn: () => get<{ rebuildable: string[]; rebuilds: RebuildView[] }>('/api/operations/rebuilds'),
    refetchInterval: (q) =>
      q.state.data?.rebuilds.some((r) => !['swapped', 'failed'].includes(r.status)) ? 1_000 : 5_000,
    retry: false,
  });
  const noRebuildApi = rebuilds.error instanceof ApiError && rebuilds.error.status === 404;
  return (
    <div data-testid="operations-page">
      <Card
        title="Log consumers"
        actions={<span className="muted small">event log at position {consumers.data?.logPosition ?? '…'}</span>}
      >
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
                <th>Rebuild</th>
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
                  <td>
                    {rebuilds.data?.rebuildable.includes(c.consumer) && (
                      <RebuildButton
                        consumer={c.consumer}
                        latest={rebuilds.data.rebuilds.find((r) => r.consumer === c.consumer)}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="muted small">
          A rebuild runs blue/green: the new version catches up from the start of the log beside the live one, which
          keeps serving, then they swap.
          {noRebuildApi && ' This build has no rebuild API.'}
        </p>
        {rebuilds.data && rebuilds.data.rebuilds.length > 0 && (
          <details>
            <summary>Recent rebuilds ({rebuilds.data.rebuilds.length})</summary>
            <table className="grid small">
              <thead>
                <tr>
                  <th>Projection</th>
                  <th>Status</th>
                  <th>Progress</th>
                  <th>By</th>
                  <th>Requested</th>
                  <th>Finished</th>
                  <th>Error</th>
                </tr>
              </thead>
              <tbody>
                {rebuilds.data.rebuilds.map((r) => (
                  <tr key={r.rebuildId}>
                    <td>{r.consumer}</td>
                    <td>{r.status}</td>
                    <td>{progressText(r)}</td>
                    <td>
                      {r.requestedBy}
                      {r.reason && <> — “{r.reason}”</>}
                    </td>
                    <td>{formatTime(r.requestedAt)}</td>
                    <td>{formatTime(r.finishedAt)}</td>
                    <td>{r.error ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        )}
      </Card>
      <ParkedEventsCard />
      <CodingFailuresCard />
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
        <QueueNotes queues={queues.data?.queues ?? []} />
      </Card>
      <FeedsCard />
    </div>
  );
}

function progressText(r: RebuildView): string {
  if (r.status === 'swapped') return `${r.processed} events, done`;
  if (r.remaining === null) return `${r.processed} events`;
  const total = r.processed + r.remaining;
  return `${r.processed} / ${total} (${total ? Math.floor((100 * r.processed) / total) : 100}%)`;
}

function RebuildButton({ consumer, latest }: { consumer: string; latest?: RebuildView }) {
  const client = useQueryClient();
  const rebuild = useMutation({
    mutationFn: () =>
      post(`/api/operations/consumers/${encodeURIComponent(consumer)}/rebuild`, {
        reason: 'requested from the dashboard',
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['ops', 'rebuilds'] }),
  });
  const running = latest && !['swapped', 'failed'].includes(latest.status);
  if (running)
    return (
      <span className="small" data-testid="rebuild-progress">
        {latest.status}: {progressText(latest)}
      </span>
    );
  return (
    <>
      <button
        type="button"
        disabled={rebuild.isPending}
        onClick={() => window.confirm(`Rebuild ${consumer} from the start of the log?`) && rebuild.mutate()}
      >
        Rebuild
      </button>
      {latest && <span className="muted small">last: {latest.status}</span>}
      <ErrorBox error={rebuild.error} />
    </>
  );
}

function FeedsCard() {
  const client = useQueryClient();
  const feeds = useQuery({
    queryKey: ['feeds'],
    queryFn: () => get<{ feeds: FeedView[] }>('/api/feeds'),
    refetchInterval: 10_000,
  });
  const [url, setUrl] = useState('');
  const [outlet, setOutlet] = useState('');
  const [interval, setInterval] = useState('900');
  const add = useMutation({
    mutationFn: () =>
      post('/api/feeds', { url: url.trim(), outlet: outlet.trim(), pollIntervalSeconds: Number(interval) }),
    onSuccess: () => {
      setUrl('');
      setOutlet('');
      void client.invalidateQueries({ queryKey: ['feeds'] });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => del(`/api/feeds/${encodeURIComponent(id)}`),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['feeds'] }),
  });
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
              <td className="small">
                {f.lastError ? `${f.lastError} (${formatTime(f.lastErrorAt)})` : '—'}
                {f.itemErrors && f.itemErrors.length > 0 && (
                  <details data-testid="feed-item-errors">
                    <summary>{f.itemErrors.length} item(s) skipped</summary>
                    <ul>
                      {f.itemErrors.map((e) => (
                        <li key={e.item}>
                          {e.item}: <span className="error">{e.error}</span>{' '}
                          <span className="muted">
                            ({formatTime(e.at)}, {e.polls} poll{e.polls === 1 ? '' : 's'})
                          </span>
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
              </td>
              <td>
                {f.items?.ingested ?? 0} / {f.items?.seen ?? 0}
              </td>
              <td>
                <button
                  type="button"
                  className="danger"
                  onClick={() => window.confirm(`Stop polling ${f.url}?`) && remove.mutate(f.id)}
                >
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
          Feed URL{' '}
          <input value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://example.org/rss" size={36} />{' '}
          {urlProblem && <span className="error small">{urlProblem}</span>}
        </label>
        <label>
          Outlet <input value={outlet} onChange={(e) => setOutlet(e.target.value)} />
        </label>
        <label>
          Every (s){' '}
          <input
            type="number"
            min={60}
            value={interval}
            onChange={(e) => setInterval(e.target.value)}
            style={{ width: '6em' }}
          />
        </label>
        <button type="submit" disabled={!canAdd || add.isPending}>
          Add feed
        </button>
      </form>
      <ErrorBox error={add.error ?? remove.error} />
    </Card>
  );
}
