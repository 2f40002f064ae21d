import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { availableParallelism } from 'node:os';
import { type ArticleStreamEvent, type CodedEventRecorded, articleStreamId, decideArticle, foldArticle, isEventType } from '#domain';
import { EventStore, deterministicEventId } from '#event-store';
import type { AppConfig } from '#config';
import { APP_CONFIG } from '#platform';
import { QueueConnection } from '#queue';
import { toRecordedEvents } from './coded-event-ids.js';
import { CODER_RUNNER } from './coding.module-tokens.js';
import type { CoderRunner } from './coder-runner.js';
import { CODING_QUEUE, type CodingJob } from './coding-jobs.js';

/**
 * Codes an article: loads its stream, runs the coder on a worker thread,
 * and appends ArticleCoded plus the coded events with the stream version as
 * the expected version. Re-running at the same coder version adds nothing.
 * When every attempt has failed, the article is marked failed with the reason.
 */
@Injectable()
export class CodingProcessor implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Coding');

  constructor(
    private readonly store: EventStore,
    private readonly queues: QueueConnection,
    @Inject(CODER_RUNNER) private readonly coder: CoderRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const worker = this.queues.worker<CodingJob, { appended: number }>(CODING_QUEUE, (job) => this.process(job), {
      // The coder's threads are one per core; more jobs than that keep them busy while others wait on PostgreSQL and Redis.
      concurrency: this.config.CODING_CONCURRENCY ?? 2 * availableParallelism(),
    });
    worker.on('failed', (job, error) => {
      if (!job) return;
      const final = error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
      this.logger.warn({ articleId: job.data.articleId, attempt: job.attemptsMade, final, err: error }, 'coding failed');
      if (final) void this.recordFailure(job, error).catch((e) => this.logger.error({ err: e }, 'could not record the coding failure'));
    });
    worker.on('error', (error) => this.logger.error({ err: error }, 'coding worker error'));
  }

  async onModuleDestroy(): Promise<void> {
    await this.coder.close();
  }

  async process(job: Job<CodingJob>): Promise<{ appended: number }> {
    const { articleId } = job.data;
    const streamId = articleStreamId(articleId);
    const stream = (await this.store.readStream(streamId)) as unknown as (ArticleStreamEvent & { eventId: string })[];
    if (stream.length === 0) throw new UnrecoverableError(`article ${articleId} does not exist`);
    const state = foldArticle(stream);
    const article = state.received!;

    const coded = await this.coder.extract({ text: article.text, publishedAt: article.publishedAt.slice(0, 10) });
    const decided = decideArticle({ type: 'RecordCoding', coderVersion: this.coder.version, events: toRecordedEvents(articleId, this.coder.version, coded) }, state);
    if (decided.length === 0) return { appended: 0 };
    const version = stream.length;
    const result = await this.store.append(
      streamId,
      decided.map((event, index) => ({
        ...event,
        // A coded event is stored under its own id; the rest get ids from their place in the stream.
        eventId: isEventType(event.type) ? (event.data as CodedEventRecorded).eventId : deterministicEventId(streamId, String(version), String(index)),
        metadata: { correlationId: articleId, causationId: stream[stream.length - 1]!.eventId, actor: `coder:${this.coder.version}` },
      })),
      { expectedVersion: version },
    );
    return { appended: result.appended };
  }

  private async recordFailure(job: Job<CodingJob>, error: Error): Promise<void> {
    const streamId = articleStreamId(job.data.articleId);
    const stream = (await this.store.readStream(streamId)) as unknown as ArticleStreamEvent[];
    if (stream.length === 0) return;
    const decided = decideArticle({ type: 'RecordCodingFailure', reason: error.message, attempts: job.attemptsMade }, foldArticle(stream));
    if (decided.length === 0) return;
    await this.store.append(
      streamId,
      decided.map((event) => ({ ...event, eventId: deterministicEventId(streamId, 'failed', job.id ?? '', String(job.attemptsMade)), metadata: { correlationId: job.data.articleId, actor: 'coder' } })),
      { expectedVersion: stream.length },
    );
  }
}
