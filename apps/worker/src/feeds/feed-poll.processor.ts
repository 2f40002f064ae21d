import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Job } from 'bullmq';
import { EventStore } from '#event-store';
import { type PollResult, pollFeed } from '#feeds';
import { DATABASE, type DatabaseHandle } from '#platform';
import { type FeedPollJob, FEEDS_QUEUE, QueueConnection } from '#queue';

/** Feeds polled at once by one worker; each poll mostly waits on a publisher's server. */
const CONCURRENCY = 4;

export class FeedPollFailed extends Error {
  constructor(readonly result: Extract<PollResult, { status: 'failed' }>) {
    super(`feed ${result.feedId}: ${result.error}`);
    this.name = 'FeedPollFailed';
  }
}

/**
 * The `feeds` queue's processor: one `poll` job = one poll of one feed. The
 * failure is already on the feed's row when we throw; throwing only marks the
 * job failed so queue dashboards show it. The scheduler's next job comes
 * regardless, and no retry is asked for.
 */
@Injectable()
export class FeedPollProcessor implements OnModuleInit {
  private readonly logger = new Logger('Feeds');

  constructor(
    @Inject(DATABASE) private readonly database: DatabaseHandle,
    private readonly store: EventStore,
    private readonly queues: QueueConnection,
  ) {}

  onModuleInit(): void {
    const worker = this.queues.worker<FeedPollJob, PollResult>(FEEDS_QUEUE, (job) => this.process(job), {
      concurrency: CONCURRENCY,
    });
    worker.on('error', (error) => this.logger.error({ err: error }, 'feeds worker error'));
  }

  async process(job: Job<FeedPollJob>): Promise<PollResult> {
    const { feedId } = job.data;
    const result = await pollFeed(
      { db: this.database.db, store: this.store },
      feedId,
      `feed-poll:${feedId}:${job.id ?? Date.now()}`,
    );
    if (result.status === 'failed') {
      this.logger.warn({ feedId, error: result.error }, 'feed poll failed');
      throw new FeedPollFailed(result);
    }
    if (result.status !== 'gone') this.logger.log({ feedId, status: result.status, ...result.counts }, 'feed polled');
    return result;
  }
}
