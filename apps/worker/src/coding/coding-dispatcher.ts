import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { ArticleReceived, ArticleRecodeRequested } from '#domain';
import { ConsumerRegistry } from '#platform';
import { QueueConnection } from '#queue';
import { CODING_JOB_OPTIONS, CODING_QUEUE, type CodingJob, codingJobId } from './coding-jobs.js';

/**
 * The log is the outbox: this consumer reads ArticleReceived and
 * ArticleRecodeRequested and puts a coding job on the queue. If the queue's
 * backend is down, the batch fails, its checkpoint does not move, and it is
 * tried again until it returns; job ids make the re-tries harmless.
 */
@Injectable()
export class CodingDispatcher implements OnModuleInit {
  private queue?: Queue<CodingJob>;

  constructor(
    private readonly consumers: ConsumerRegistry,
    private readonly queues: QueueConnection,
  ) {}

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
            : { articleId: (event.data as ArticleRecodeRequested).articleId, cause: { kind: 'recode', requestEventId: event.eventId } },
        );
        await this.queue!.addBulk(jobs.map((data) => ({ name: data.cause.kind === 'received' ? 'code' : 'recode', data, opts: { ...CODING_JOB_OPTIONS, jobId: codingJobId(data) } })));
      },
    });
  }
}
