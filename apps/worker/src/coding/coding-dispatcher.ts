import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { ArticleReceived, ArticleRecodeRequested } from '#domain';
import type { AppConfig } from '#config';
import { APP_CONFIG, ConsumerRegistry, DATABASE, type DatabaseHandle } from '#platform';
import { QueueConnection } from '#queue';
import { CODING_JOB_OPTIONS, CODING_QUEUE, type CodingJob, codingJobId } from './coding-jobs.js';
import { sweepLostCodingJobs } from './coding-sweep.js';

/**
 * The log is the outbox: this consumer reads ArticleReceived and
 * ArticleRecodeRequested and puts a coding job on the queue. If the queue's
 * backend is down, the batch fails, its checkpoint does not move, and it is
 * tried again until it returns; job ids make the re-tries harmless.
 *
 * A queue that comes back empty (Redis restarted without its data) has lost
 * jobs the log already dispatched: a periodic sweep (CODING_SWEEP_INTERVAL_SECONDS)
 * queues again every article still waiting for coding, under the same job ids.
 */
@Injectable()
export class CodingDispatcher implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('CodingDispatcher');
  private queue?: Queue<CodingJob>;
  private sweepTimer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  constructor(
    private readonly consumers: ConsumerRegistry,
    private readonly queues: QueueConnection,
    @Inject(DATABASE) private readonly database: DatabaseHandle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const intervalMs = this.config.CODING_SWEEP_INTERVAL_SECONDS * 1_000;
    this.sweepTimer = setInterval(() => {
      // One sweep at a time; an article must have waited two intervals, so the dispatcher had its chance.
      this.sweeping ??= this.sweep(2 * intervalMs).finally(() => (this.sweeping = undefined));
    }, intervalMs);
    this.sweepTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.sweepTimer);
    await this.sweeping;
  }

  private async sweep(olderThanMs: number): Promise<void> {
    try {
      const { offered } = await sweepLostCodingJobs(this.database.db, this.queue!, olderThanMs);
      // Most offers are no-ops (the queue still holds the job): worth a line only when debugging.
      if (offered > 0)
        this.logger.debug({ offered }, 'coding sweep: articles still waiting for coding offered to the queue again');
    } catch (error) {
      this.logger.warn({ err: error }, 'coding sweep failed; the next one tries again');
    }
  }

  onModuleInit(): void {
    this.queue = this.queues.queue<CodingJob>(CODING_QUEUE);
    this.consumers.register({
      name: 'coding-dispatcher',
      types: ['ArticleReceived', 'ArticleRecodeRequested'],
      retryDelayMs: 2_000,
      handle: async (events) => {
        const jobs = events.map((event): CodingJob =>
          event.type === 'ArticleReceived'
            ? { articleId: (event.data as ArticleReceived).articleId, cause: { kind: 'received' } }
            : {
                articleId: (event.data as ArticleRecodeRequested).articleId,
                cause: { kind: 'recode', requestEventId: event.eventId },
              },
        );
        await this.queue!.addBulk(
          jobs.map((data) => ({
            name: data.cause.kind === 'received' ? 'code' : 'recode',
            data,
            opts: { ...CODING_JOB_OPTIONS, jobId: codingJobId(data) },
          })),
        );
      },
    });
  }
}
