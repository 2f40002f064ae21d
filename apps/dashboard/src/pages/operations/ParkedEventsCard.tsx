import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from '../../api';
import type { z } from 'zod';
import type { parkedEventSchema } from '../../../../api/src/operations/operations.schema';
import { Card, ErrorBox, Loading, formatTime } from '../../components/ui';

/** GET /api/operations/parked: an event a log consumer could not apply, parked so the consumer went on. */
type ParkedEventView = z.infer<typeof parkedEventSchema>;

export function ParkedEventsCard() {
  const parked = useQuery({
    queryKey: ['ops', 'parked'],
    queryFn: () => get<{ parked: ParkedEventView[] }>('/api/operations/parked', { status: 'all', limit: 50 }),
    refetchInterval: (q) => (q.state.data?.parked.some((p) => p.status === 'replay-requested') ? 1_000 : 5_000),
  });
  const open = parked.data?.parked.filter((p) => p.status !== 'replayed').length ?? 0;
  return (
    <Card title={`Parked events${parked.data ? ` (${open} open)` : ''}`} testId="parked-events">
      <ErrorBox error={parked.error} />
      {parked.isPending ? (
        <Loading />
      ) : parked.data?.parked.length === 0 ? (
        <p className="muted">No consumer has parked an event.</p>
      ) : (
        <table className="grid small">
          <thead>
            <tr>
              <th>Consumer</th>
              <th>Event</th>
              <th>Error</th>
              <th>Tries</th>
              <th>First / last failure</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {parked.data?.parked.map((p) => (
              <tr key={p.parkedId} data-testid="parked-row">
                <td>{p.consumer}</td>
                <td>
                  {p.eventType} <span className="muted">at {p.globalPosition}</span>
                  <div className="muted">{p.streamId}</div>
                </td>
                <td className="error">{p.error}</td>
                <td>{p.attempts}</td>
                <td>
                  {formatTime(p.firstFailedAt)}
                  <div className="muted">{formatTime(p.lastFailedAt)}</div>
                </td>
                <td>
                  <ReplayCell parked={p} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted small">
        A consumer parks an event it could not apply after three tries and goes on with the rest. Replay one once its
        cause is fixed: the request is appended to the log and the consumer runs the event again.
      </p>
    </Card>
  );
}

function ReplayCell({ parked }: { parked: ParkedEventView }) {
  const client = useQueryClient();
  const replay = useMutation({
    mutationFn: () =>
      post(`/api/operations/parked/${encodeURIComponent(parked.parkedId)}/replay`, {
        reason: 'replayed from the dashboard',
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['ops', 'parked'] }),
  });
  if (parked.status === 'replayed') return <span>replayed {formatTime(parked.replayedAt)}</span>;
  if (parked.status === 'replay-requested') return <span>replay requested by {parked.replayRequestedBy}</span>;
  return (
    <>
      <button type="button" disabled={replay.isPending} onClick={() => replay.mutate()}>
        Replay
      </button>
      <ErrorBox error={replay.error} />
    </>
  );
}
