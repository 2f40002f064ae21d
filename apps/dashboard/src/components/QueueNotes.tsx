import type { QueueView } from '../../../api/src/operations/operations.schema';

/** Why jobs wait, in words, where the API knows (e.g. "no consumer attached" on the alerts queue). */
export function QueueNotes({ queues }: { queues: QueueView[] }) {
  const noted = queues.filter((q) => q.note || q.error);
  if (noted.length === 0) return null;
  return (
    <ul className="plain small" data-testid="queue-notes">
      {noted.map((q) => (
        <li key={q.name} data-queue={q.name}>
          <strong>{q.name}</strong>: <span className="queue-note">{q.note ?? `not reachable: ${q.error}`}</span>
        </li>
      ))}
    </ul>
  );
}
