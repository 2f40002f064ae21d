import { useQuery } from '@tanstack/react-query';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { get } from '../api';
import { Card, ErrorBox, Loading } from '../components/ui';
import type { ConsumerView, QueueView, StatsView } from '../../../api/src/operations/operations.schema';
import { QueueNotes } from '../components/QueueNotes';

const LIVE_MS = 5_000;
const QUEUE_COLOURS = { waiting: '#4f7cac', active: '#7a9e7e', delayed: '#d4a94f', failed: '#c0392b' } as const;

export function OverviewPage() {
  const stats = useQuery({ queryKey: ['ops', 'stats'], queryFn: () => get<StatsView>('/api/operations/stats'), refetchInterval: LIVE_MS });
  const consumers = useQuery({ queryKey: ['ops', 'consumers'], queryFn: () => get<{ consumers: ConsumerView[] }>('/api/operations/consumers'), refetchInterval: LIVE_MS });
  const queues = useQuery({ queryKey: ['ops', 'queues'], queryFn: () => get<{ queues: QueueView[] }>('/api/operations/queues'), refetchInterval: LIVE_MS });

  const hours = (stats.data?.articlesPerHour ?? []).map((h) => ({ ...h, label: hourLabel(h.hour) }));
  const alerts = stats.data?.alertsSent;
  const queueRows = (queues.data?.queues ?? []).map((q) => ({ name: q.name, waiting: q.counts.waiting ?? 0, active: q.counts.active ?? 0, delayed: q.counts.delayed ?? 0, failed: q.counts.failed ?? 0 }));
  const failedJobs = (queues.data?.queues ?? []).flatMap((q) => q.failed.map((f) => ({ ...f, queue: q.name })));

  return (
    <div className="grid-2" data-testid="overview-page">
      <Card title="Articles per hour (last 48 h)" testId="chart-articles">
        <ErrorBox error={stats.error} />
        {stats.isPending ? (
          <Loading />
        ) : (
          <ResponsiveContainer width="100%" height={220}>
            <BarChart data={hours}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="label" fontSize={11} />
              <YAxis allowDecimals={false} fontSize={11} />
              <Tooltip />
              <Bar dataKey="articles" fill="#4f7cac" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        )}
        <p className="muted small">
          {Object.entries(stats.data?.articlesByStatus ?? {})
            .map(([k, v]) => `${v} ${k}`)
            .join(' · ') || 'no articles yet'}
        </p>
      </Card>
      <Card title="Events that happened, per type" testId="chart-types">
        {stats.isPending ? (
          <Loading />
        ) : (
          <ResponsiveContainer width="100%" height={Math.max(160, (stats.data?.eventsPerType.length ?? 0) * 24 + 40)}>
            <BarChart data={stats.data?.eventsPerType ?? []} layout="vertical" margin={{ left: 40 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis type="number" allowDecimals={false} fontSize={11} />
              <YAxis type="category" dataKey="type" width={120} fontSize={11} />
              <Tooltip />
              <Bar dataKey="events" isAnimationActive={false} fill="#7a9e7e" />
            </BarChart>
          </ResponsiveContainer>
        )}
        <p className="muted small" data-testid="modality-counts">
          Active asserted events only.{' '}
          {['future', 'hypothetical', 'negated']
            .map((m) => `${stats.data?.eventsPerModality?.[m] ?? 0} ${m}`)
            .join(' · ')}{' '}
          not counted (they did not happen, or not yet).
        </p>
      </Card>
      <Card title="Projection lag per consumer (events behind)" testId="chart-lag">
        <ErrorBox error={consumers.error} />
        {consumers.isPending ? (
          <Loading />
        ) : (
          <ResponsiveContainer width="100%" height={Math.max(160, (consumers.data?.consumers.length ?? 0) * 26 + 40)}>
            <BarChart data={consumers.data?.consumers ?? []} layout="vertical" margin={{ left: 60 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis type="number" allowDecimals={false} fontSize={11} />
              <YAxis type="category" dataKey="consumer" width={150} fontSize={11} />
              <Tooltip />
              <Bar dataKey="lagEvents" name="events behind" fill="#c9824f" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        )}
      </Card>
      <Card title="Queues" testId="chart-queues">
        <ErrorBox error={queues.error} />
        {queues.isPending ? (
          <Loading />
        ) : (
          <ResponsiveContainer width="100%" height={220}>
            <BarChart data={queueRows}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="name" fontSize={11} />
              <YAxis allowDecimals={false} fontSize={11} />
              <Tooltip />
              <Legend />
              {(['waiting', 'active', 'delayed', 'failed'] as const).map((k) => (
                <Bar key={k} dataKey={k} stackId="q" fill={QUEUE_COLOURS[k]} isAnimationActive={false} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        )}
        <QueueNotes queues={queues.data?.queues ?? []} />
        {failedJobs.length > 0 && (
          <details>
            <summary>{failedJobs.length} recent failed job(s)</summary>
            <ul className="small">
              {failedJobs.map((f) => (
                <li key={`${f.queue}-${f.id}`}>
                  <strong>{f.queue}</strong> {f.name} #{f.id} after {f.attemptsMade} attempt(s): {f.failedReason}
                </li>
              ))}
            </ul>
          </details>
        )}
      </Card>
      <Card title="Alerts raised per hour" testId="chart-alerts">
        {stats.isPending ? (
          <Loading />
        ) : alerts ? (
          <ResponsiveContainer width="100%" height={200}>
            <LineChart data={alerts.map((a) => ({ ...a, label: hourLabel(a.hour) }))}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="label" fontSize={11} />
              <YAxis allowDecimals={false} fontSize={11} />
              <Tooltip />
              <Line dataKey="alerts" stroke="#8e44ad" dot={false} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        ) : (
          <p className="muted">Alerting is not installed in this build.</p>
        )}
      </Card>
      <p className="muted small">
        Refreshed every {LIVE_MS / 1000} s · event log at position {stats.data?.logPosition ?? '…'}
      </p>
    </div>
  );
}

function hourLabel(iso: string): string {
  const d = new Date(iso);
  return `${String(d.getDate()).padStart(2, '0')} ${String(d.getHours()).padStart(2, '0')}h`;
}
