import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { Queue } from 'bullmq';
import {
  type FeedRegistered,
  type FeedRemoved,
  listFeedSchedules,
  scheduleFeed,
  syncFeedSchedules,
  unscheduleFeed,
} from '#feeds';
import { ConsumerRegistry, DATABASE, type DatabaseHandle } from '#platform';
import { type FeedPollJob, FEEDS_QUEUE, QueueConnection } from '#queue';

/**
 * Keeps one BullMQ job scheduler per registered feed. The API only writes the
 * feeds row and FeedRegistered/FeedRemoved in one transaction; this log
 * consumer turns those events into schedulers (the log is the outbox, as for
 * coding jobs: if the queue is down the batch is retried from its checkpoint).
 * At start, and every few minutes, the schedulers are also re-synced from the
 * table, which repairs a queue that lost its state (Redis back empty).
 */
/** How often the schedulers are compared with the feeds table (a no-op when they agree). */
const RESYNC_MS = 5 * 60_000;

@Injectable()
export class FeedScheduler implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('FeedScheduler');
  private queue?: Queue<FeedPollJob>;
  private resyncTimer?: NodeJS.Timeout;

  constructor(
    @Inject(DATABASE) private readonly database: DatabaseHandle,
    private readonly consumers: ConsumerRegistry,
    private readonly queues: QueueConnection,
  ) {}

  onModuleInit(): void {
    this.queue = this.queues.queue<FeedPollJob>(FEEDS_QUEUE);
    this.consumers.register({
      name: 'feed-scheduler',
      types: ['FeedRegistered', 'FeedRemoved'],
      retryDelayMs: 2_000,
      handle: async (events, trx) => {
        for (const event of events) {
          if (event.type === 'FeedRemoved') {
            await unscheduleFeed(this.queue!, (event.data as FeedRemoved).feedId);
            continue;
          }
          // The row, not the event, says whether the feed still exists and at what interval.
          const feedId = (event.data as FeedRegistered).feedId;
          const row = await trx
            .selectFrom('feeds')
            .select('poll_interval_seconds')
            .where('feed_id', '=', feedId)
            .executeTakeFirst();
          if (row) await scheduleFeed(this.queue!, { id: feedId, pollIntervalSeconds: row.poll_interval_seconds });
        }
      },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.resync();
    this.resyncTimer = setInterval(() => void this.resync(), RESYNC_MS);
    this.resyncTimer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.resyncTimer);
  }

  private async resync(): Promise<void> {
    try {
      const result = await syncFeedSchedules(this.queue!, () => listFeedSchedules(this.database.db));
      if (result.added || result.updated || result.removed)
        this.logger.log(result, 'feed schedulers synced with the feeds table');
    } catch (error) {
      // Not fatal: the log consumer still schedules new feeds, and the next sync tries again.
      this.logger.error({ err: error }, 'could not sync feed schedulers');
    }
  }
}
