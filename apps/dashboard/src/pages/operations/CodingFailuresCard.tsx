import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { get, post } from '../../api';
import type { z } from 'zod';
import type { codingFailuresSchema } from '../../../../api/src/operations/operations.schema';
import { Card, ErrorBox, formatTime } from '../../components/ui';

type CodingFailures = z.infer<typeof codingFailuresSchema>;

/** Articles whose coding failed after every attempt, with the reason, and a button to queue one again. */
export function CodingFailuresCard() {
  const failures = useQuery({
    queryKey: ['ops', 'coding-failures'],
    queryFn: () => get<CodingFailures>('/api/operations/coding-failures'),
    refetchInterval: 10_000,
  });
  if (failures.data && failures.data.total === 0) return null;
  return (
    <Card title={`Coding failures${failures.data ? ` (${failures.data.total})` : ''}`} testId="coding-failures">
      <ErrorBox error={failures.error} />
      <table className="grid small">
        <thead>
          <tr>
            <th>Article</th>
            <th>Reason</th>
            <th>Attempts</th>
            <th>Failed</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {failures.data?.failures.map((f) => (
            <tr key={f.articleId} data-testid="coding-failure-row">
              <td>
                <Link to={`/articles/${f.articleId}`}>{f.title}</Link> <span className="muted">{f.outlet}</span>
              </td>
              <td className="error">{f.reason ?? '—'}</td>
              <td>{f.attempts ?? '—'}</td>
              <td>{formatTime(f.failedAt)}</td>
              <td>
                <RecodeButton articleId={f.articleId} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

function RecodeButton({ articleId }: { articleId: string }) {
  const client = useQueryClient();
  const recode = useMutation({
    mutationFn: () =>
      post(`/api/articles/${encodeURIComponent(articleId)}/recode`, {
        reason: 're-queued after a coding failure (dashboard)',
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['ops', 'coding-failures'] }),
  });
  if (recode.isSuccess) return <span className="muted">queued</span>;
  return (
    <>
      <button type="button" disabled={recode.isPending} onClick={() => recode.mutate()}>
        Code again
      </button>
      <ErrorBox error={recode.error} />
    </>
  );
}
