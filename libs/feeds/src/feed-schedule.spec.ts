import type { JobSchedulerJson } from 'bullmq';
import type { FeedPollJob } from '#queue';
import { type SchedulerQueue, syncFeedSchedules } from './feed-schedule.js';

/** In-memory stand-in for the three Queue methods the scheduling uses. */
function fakeQueue(initial: Record<string, number>) {
  const schedulers = new Map<string, number>(Object.entries(initial));
  const calls: string[] = [];
  const queue = {
    async upsertJobScheduler(id: string, repeat: { every?: number }) {
      calls.push(`upsert ${id} ${repeat.every}`);
      schedulers.set(id, repeat.every!);
    },
    async removeJobScheduler(id: string) {
      calls.push(`remove ${id}`);
      return schedulers.delete(id);
    },
    async getJobSchedulers(start = 0, end = -1) {
      const all = [...schedulers].map(
        ([key, every]) => ({ key, name: 'poll', every }) as JobSchedulerJson<FeedPollJob>,
      );
      return all.slice(start, end === -1 ? undefined : end + 1);
    },
  } as unknown as SchedulerQueue;
  return { queue, schedulers, calls };
}

describe('syncFeedSchedules', () => {
  it('adds missing, fixes changed, removes orphaned, and leaves matching schedulers alone', async () => {
    const { queue, schedulers, calls } = fakeQueue({ same: 900_000, changed: 60_000, orphan: 900_000 });
    const result = await syncFeedSchedules(queue, async () => [
      { id: 'same', pollIntervalSeconds: 900 },
      { id: 'changed', pollIntervalSeconds: 120 },
      { id: 'new', pollIntervalSeconds: 300 },
    ]);
    expect(result).toEqual({ added: 1, updated: 1, removed: 1 });
    expect(Object.fromEntries(schedulers)).toEqual({ same: 900_000, changed: 120_000, new: 300_000 });
    expect(calls).not.toContain('upsert same 900000');
  });
});
