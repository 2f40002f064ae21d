import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { availableParallelism } from 'node:os';
import {
  type ArticleCommand,
  type ArticleStreamEvent,
  type CodedEventRecorded,
  articleStreamId,
  decideArticle,
  foldArticle,
  isEventType,
} from '#domain';
import { EventStore, deterministicEventId } from '#event-store';
import type { AppConfig } from '#config';
import { CODED_LANGUAGES, type CodingResult } from '#extraction';
import { APP_CONFIG } from '#platform';
import { QueueConnection } from '#queue';
import { toRecordedEvents } from './coded-event-ids.js';
import { CODER_RUNNER } from './coding.module-tokens.js';
import { type CoderRunner, CodingTimeoutError } from './coder-runner.js';
import { CODING_QUEUE, type CodingJob } from './coding-jobs.js';

/**
 * Codes an article: loads its stream, runs the coder on a worker thread,
 * and appends ArticleCoded plus the coded events with the stream version as
 * the expected version (or ArticleCoded flagged `unsupportedLanguage` for a
 * language the coder does not read). Re-running at the same coder version adds
 * nothing. When every attempt has failed, or once coding outran its time
 * limit (not retried: it would again), the article is marked failed with the reason.
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

    const startedAt = performance.now();
    const input = { text: article.text, publishedAt: article.publishedAt.slice(0, 10), language: article.language };
    const result = await this.code(input);
    this.reportProblems(articleId, result);
    const supported = CODED_LANGUAGES.has(result.language);
    const decided = decideArticle(this.recordingOf(articleId, result, supported), state);
    const appended = decided.length === 0 ? 0 : await this.append(articleId, stream, decided);
    // One line per article at info: what it became and how long it took (coding and storing).
    const status = decided.length === 0 ? 'unchanged' : supported ? 'coded' : 'unsupported-language';
    const ms = Math.round(performance.now() - startedAt);
    const { language, events } = result;
    this.logger.log({ articleId, status, events: events.length, language, ms }, 'article coded');
    return { appended };
  }

  private async code(input: Parameters<CoderRunner['code']>[0]): Promise<CodingResult> {
    try {
      return await this.coder.code(input);
    } catch (error) {
      // Abandoned after the time limit: another attempt would take as long again.
      if (error instanceof CodingTimeoutError) throw new UnrecoverableError(error.message);
      throw error;
    }
  }

  private recordingOf(articleId: string, result: CodingResult, supported: boolean): ArticleCommand {
    const coderVersion = this.coder.version;
    if (!supported) return { type: 'RecordUnsupportedLanguage', coderVersion, language: result.language };
    const events = toRecordedEvents(articleId, coderVersion, result.events);
    return { type: 'RecordCoding', coderVersion, language: result.language, events };
  }

  private async append(articleId: string, stream: { eventId: string }[], decided: ArticleStreamEvent[]) {
    const streamId = articleStreamId(articleId);
    const version = stream.length;
    const causationId = stream[version - 1]!.eventId;
    const metadata = { correlationId: articleId, causationId, actor: `coder:${this.coder.version}` };
    const result = await this.store.append(
      streamId,
      decided.map((event, index) => ({
        ...event,
        // A coded event is stored under its own id; the rest get ids from their place in the stream.
        eventId: isEventType(event.type)
          ? (event.data as CodedEventRecorded).eventId
          : deterministicEventId(streamId, String(version), String(index)),
        metadata,
      })),
      { expectedVersion: version },
    );
    return result.appended;
  }

  /** What the coder left out of an article still lets it be coded; the log says what and why. */
  private reportProblems(articleId: string, result: CodingResult): void {
    for (const problem of result.problems) {
      this.logger.warn({ articleId, problem }, `coder: ${problem.kind} ${problem.start}..${problem.end}`);
    }
    const cut = result.truncated;
    if (cut) this.logger.warn({ articleId, truncated: cut }, `coder: text from ${cut.from} not coded (${cut.reason})`);
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
