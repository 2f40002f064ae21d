import type { QueryClient } from '@tanstack/react-query';
import type { ConsumerView, QueueView, StatsView } from '../../api/src/operations/operations.schema';
import { get } from './api';

// The Overview's three queries, shared by the page and the start of the app:
// opening the dashboard on the Overview asks for its figures at once, beside
// the session check and the page's code, rather than after them.

export const overviewQueries = {
  stats: { queryKey: ['ops', 'stats'], queryFn: () => get<StatsView>('/api/operations/stats') },
  consumers: {
    queryKey: ['ops', 'consumers'],
    queryFn: () => get<{ consumers: ConsumerView[]; logPosition: string }>('/api/operations/consumers'),
  },
  queues: { queryKey: ['ops', 'queues'], queryFn: () => get<{ queues: QueueView[] }>('/api/operations/queues') },
} as const;

export function prefetchOverview(client: QueryClient): void {
  void client.prefetchQuery({ ...overviewQueries.stats, retry: false });
  void client.prefetchQuery({ ...overviewQueries.consumers, retry: false });
  void client.prefetchQuery({ ...overviewQueries.queues, retry: false });
}
