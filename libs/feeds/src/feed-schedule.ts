import type { JobSchedulerJson, Queue } from 'bullmq';
import { type FeedPollJob, POLL_JOB, POLL_JOB_OPTIONS } from '#queue';

/** The part of a BullMQ Queue the scheduling needs, so it can be unit-tested with a fake. */
export type SchedulerQueue = Pick<Queue<FeedPollJob>, 'upsertJobScheduler' | 'removeJobScheduler' | 'getJobSchedulers'>;

export async function scheduleFeed(
  queue: SchedulerQueue,
  feed: { id: string; pollIntervalSeconds: number },
): Promise<void> {
  await queue.upsertJobScheduler(
    feed.id,
    { every: feed.pollIntervalSeconds * 1_000 },
    { name: POLL_JOB, data: { feedId: feed.id }, opts: POLL_JOB_OPTIONS },
  );
}

export async function unscheduleFeed(queue: SchedulerQueue, feedId: string): Promise<void> {
  await queue.removeJobScheduler(feedId);
}

const PAGE = 500;
/** Bounds the listing loop: 500 × 200 = 100,000 schedulers is far beyond any feed list we expect. */
const MAX_PAGES = 200;

/**
 * Makes the queue's schedulers match the feeds table: adds missing ones,
 * fixes changed intervals, removes those of deleted feeds. Schedulers that
 * already match are left alone, so a worker restart does not poll every feed
 * at once. The schedulers are listed before the table is read: a feed
 * registered meanwhile is then in the table, and never taken for an orphan.
 */
export async function syncFeedSchedules(
  queue: SchedulerQueue,
  loadFeeds: () => Promise<{ id: string; pollIntervalSeconds: number }[]>,
): Promise<{ added: number; updated: number; removed: number }> {
  const existing = new Map<string, JobSchedulerJson<FeedPollJob>>();
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const batch = await queue.getJobSchedulers(page * PAGE, (page + 1) * PAGE - 1, true);
    for (const scheduler of batch) existing.set(scheduler.key, scheduler);
    if (batch.length < PAGE) break;
  }
  const feeds = await loadFeeds();
  const result = { added: 0, updated: 0, removed: 0 };
  const wanted = new Set<string>();
  for (const feed of feeds) {
    wanted.add(feed.id);
    const current = existing.get(feed.id);
    if (current && current.every === feed.pollIntervalSeconds * 1_000) continue;
    await scheduleFeed(queue, feed);
    if (current) result.updated += 1;
    else result.added += 1;
  }
  for (const key of existing.keys()) {
    if (wanted.has(key)) continue;
    await unscheduleFeed(queue, key);
    result.removed += 1;
  }
  return result;
}
