import { useQuery } from '@tanstack/react-query';
import { BarRows, ChartLegend, ColumnChart } from '../components/MiniCharts';
import { overviewQueries } from '../overview-queries';
import { Card, ErrorBox, Loading } from '../components/ui';
import { QueueNotes } from '../components/QueueNotes';

const LIVE_MS = 5_000;
const QUEUE_COLOURS = { waiting: '#4f7cac', active: '#7a9e7e', delayed: '#d4a94f', failed: '#c0392b' } as const;
const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

export function OverviewPage() {
  const stats = useQuery({ ...overviewQueries.stats, refetchInterval: LIVE_MS });
  const consumers = useQuery({ ...overviewQueries.consumers, refetchInterval: LIVE_MS });
  const queues = useQuery({ ...overviewQueries.queues, refetchInterval: LIVE_MS });

  const hours = (stats.data?.articlesPerHour ?? []).map((h) => ({ ...h, label: hourLabel(h.hour) }));
  const alerts = stats.data?.alertsSent;
  const queueRows = (queues.data?.queues ?? []).map((q) => ({
    name: q.name,
    waiting: q.counts.waiting ?? 0,
    active: q.counts.active ?? 0,
    delayed: q.counts.delayed ?? 0,
    failed: q.counts.failed ?? 0,
  }));
  const failedJobs = (queues.data?.queues ?? []).flatMap((q) => q.failed.map((f) => ({ ...f, queue: q.name })));

  return (
    <div className="grid-2" data-testid="overview-page">
      <Card title="Articles per hour (last 48 h)" testId="chart-articles">
        <ErrorBox error={stats.error} />
        {stats.isPending ? (
          <Loading />
        ) : (
          <ColumnChart
            data={hours.map((h) => ({ label: h.label, value: h.articles }))}
            colour="#4f7cac"
            unit="articles"
          />
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
          <BarRows
            rows={(stats.data?.eventsPerType ?? []).map((t) => ({
              label: t.type,
              parts: [{ name: 'events', value: t.events, colour: '#7a9e7e' }],
            }))}
            unit="events per type"
          />
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
          <BarRows
            rows={(consumers.data?.consumers ?? []).map((c) => ({
              label: c.consumer,
              parts: [{ name: 'events behind', value: c.lagEvents, colour: '#c9824f' }],
            }))}
            unit="events behind"
          />
        )}
      </Card>
      <Card title="Queues" testId="chart-queues">
        <ErrorBox error={queues.error} />
        {queues.isPending ? (
          <Loading />
        ) : (
          <>
            <BarRows
              rows={queueRows.map((q) => ({
                label: q.name,
                parts: QUEUE_STATES.map((k) => ({ name: k, value: q[k], colour: QUEUE_COLOURS[k] })),
              }))}
              unit="jobs per queue"
            />
            <ChartLegend items={QUEUE_STATES.map((k) => ({ name: k, colour: QUEUE_COLOURS[k] }))} />
          </>
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
          <ColumnChart
            data={alerts.map((a) => ({ label: hourLabel(a.hour), value: a.alerts }))}
            colour="#8e44ad"
            height={180}
            unit="alerts"
          />
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
