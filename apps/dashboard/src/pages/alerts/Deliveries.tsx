import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AlertDetailJson } from '#alerts/contracts';
import { post } from '../../api';
import { ErrorBox, formatTime } from '../../components/ui';

/** Every webhook delivery of an alert with each attempt, and a replay button for a dead letter. */
export function Deliveries({ alert }: { alert: AlertDetailJson }) {
  const client = useQueryClient();
  const replay = useMutation({
    mutationFn: (revision: number) => post(`/api/alerts/${encodeURIComponent(alert.alertId)}/replay`, { revision }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['alert', alert.alertId] });
      void client.invalidateQueries({ queryKey: ['alerts'] });
    },
  });
  if (alert.deliveries.length === 0)
    return <p className="muted small">No webhook deliveries (this subscription delivers to the queue only).</p>;
  return (
    <>
      {alert.deliveries.map((d) => (
        <div key={`${d.revision}-${d.webhookId}`} data-testid="delivery" data-state={d.state}>
          <p className="small">
            Revision {d.revision} ({d.kind}) · webhook-id <code>{d.webhookId}</code> ·{' '}
            <span className={`status status-${d.state}`}>{d.state}</span>
            {d.replays > 0 && <> · replayed {d.replays}×</>}
            {d.state === 'dead' && (
              <button
                type="button"
                onClick={() => replay.mutate(d.revision)}
                disabled={replay.isPending}
                data-testid="replay"
                style={{ marginLeft: 8 }}
              >
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
    </>
  );
}
