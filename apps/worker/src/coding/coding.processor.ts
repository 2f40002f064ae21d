import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import {
  type ArticleCommand,
  type ArticleStreamEvent,
  type CodedEventRecorded,
  articleStreamId,
  decideArticle,
  foldArticle,
  isEventType,
} from '#domain';
import { type AppendResult, ConcurrencyError, EventStore, type StreamAppend, deterministicEventId } from '#event-store';
import type { AppConfig } from '#config';
import { CODED_LANGUAGES, type CodingResult } from '#extraction';
import { APP_CONFIG } from '#platform';
import { QueueConnection } from '#queue';
import { toRecordedEvents } from './coded-event-ids.js';
import { CODER_RUNNER } from './coding.module-tokens.js';
import { type CoderRunner, CodingTimeoutError } from './coder-runner.js';
import { CODING_QUEUE, type CodingJob } from './coding-jobs.js';
import { MicroBatcher } from './micro-batcher.js';

/** One article of a batch, once its stream is read and its text coded. */
interface Coded {
  job: Job<CodingJob>;
  articleId: string;
  result: CodingResult;
  supported: boolean;
  startedAt: number;
}

type Outcomes = Map<Job<CodingJob>, PromiseSettledResult<{ appended: number }>>;

/** Times a batch re-reads and re-decides the articles whose stream moved meanwhile before it leaves them to a retry of their job. */
const CONFLICT_ROUNDS = 3;

/**
 * Codes articles, a batch at a time: the jobs the worker holds are gathered
 * (up to CODING_BATCH_SIZE), their streams read in one query, their texts
 * coded on the coder threads, and every article's decision — ArticleCoded plus
 * the coded events, or ArticleCoded flagged `unsupportedLanguage` for a
 * language the coder does not read — appended in one statement, each at its
 * stream's version as the expected version. An article whose stream moved
 * meanwhile (a correction, a re-code request) is re-read and re-decided alone;
 * one whose coding throws fails alone (its job is retried, then the article
 * marked failed with the reason). Each article keeps its own job, so the
 * queue's guarantees (one job per article, locks, retries, stalled jobs taken
 * over) are per article as before. Re-running at the same coder version adds
 * nothing. Once coding outran its time limit (not retried: it would again),
 * the article is marked failed with the reason.
 */
@Injectable()
export class CodingProcessor implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Coding');
  private readonly batcher: MicroBatcher<Job<CodingJob>, { appended: number }>;
  /** How long the coded articles of a batch wait for its slowest ones before they are stored without them (tests shorten it). */
  stragglerMs = 1_000;

  constructor(
    private readonly store: EventStore,
    private readonly queues: QueueConnection,
    @Inject(CODER_RUNNER) private readonly coder: CoderRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // A short linger: under a backlog a batch fills at once; a lone article waits no more than this for company.
    this.batcher = new MicroBatcher((jobs) => this.processBatch(jobs), {
      maxSize: config.CODING_BATCH_SIZE,
      lingerMs: 20,
    });
  }

  onModuleInit(): void {
    const worker = this.queues.worker<CodingJob, { appended: number }>(CODING_QUEUE, (job) => this.process(job), {
      // Two batches' worth: one coded and stored while the next gathers.
      concurrency: this.config.CODING_CONCURRENCY ?? 2 * this.config.CODING_BATCH_SIZE,
    });
    worker.on('failed', (job, error) => {
      if (!job) return;
      const final = error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
      this.logger.warn(
        { articleId: job.data.articleId, attempt: job.attemptsMade, final, err: error },
        'coding failed',
      );
      if (final)
        void this.recordFailure(job, error).catch((e) =>
          this.logger.error({ err: e }, 'could not record the coding failure'),
        );
    });
    worker.on('error', (error) => this.logger.error({ err: error }, 'coding worker error'));
  }

  async onModuleDestroy(): Promise<void> {
    await this.coder.close();
  }

  /** One job's article, coded with whatever other jobs this worker holds. */
  process(job: Job<CodingJob>): Promise<{ appended: number }> {
    return this.batcher.submit(job);
  }

  /** Codes a batch of jobs; each job's outcome is its own. */
  async processBatch(jobs: Job<CodingJob>[]): Promise<PromiseSettledResult<{ appended: number }>[]> {
    // The same article twice in one batch (its first coding and a re-code request): the repeat
    // runs after the first is stored, as it would have from the queue.
    const seen = new Set<string>();
    const first = jobs.filter((job) => !seen.has(job.data.articleId) && seen.add(job.data.articleId));
    const repeats = jobs.filter((job) => !first.includes(job));
    const startedAt = performance.now();
    const outcomes = await this.codeAndStore(first);
    this.logger.debug({ articles: first.length, ms: Math.round(performance.now() - startedAt) }, 'coding batch stored');
    if (repeats.length > 0)
      (await this.processBatch(repeats)).forEach((outcome, i) => outcomes.set(repeats[i]!, outcome));
    return jobs.map(
      (job) =>
        outcomes.get(job) ?? {
          status: 'rejected',
          reason: new Error('the coding batch left this job without an outcome'),
        },
    );
  }

  private async codeAndStore(jobs: Job<CodingJob>[]): Promise<Outcomes> {
    const outcomes: Outcomes = new Map();
    const fail = (job: Job<CodingJob>, reason: unknown) => outcomes.set(job, { status: 'rejected', reason });
    const streams = await this.store.readStreams(jobs.map((job) => articleStreamId(job.data.articleId)));
    // Every text of the batch goes to the coder threads at once: they take them as they free up.
    const codings = jobs.map((job) => {
      const coding = { done: false, coded: undefined as Coded | undefined, promise: Promise.resolve() };
      coding.promise = this.codeOne(job, streams, fail).then((coded) => {
        coding.done = true;
        coding.coded = coded;
      });
      return coding;
    });
    // A slow article (up to CODING_TIMEOUT_MS) must not hold the rest of its batch back: what is
    // coded by STRAGGLER_MS after the first article is stored, the stragglers after, on their own.
    let timer: NodeJS.Timeout | undefined;
    const firstDone = Promise.race(codings.map((c) => c.promise));
    const cutOff = firstDone.then(
      () => new Promise<void>((resolve) => (timer = setTimeout(resolve, this.stragglerMs))),
    );
    await Promise.race([Promise.all(codings.map((c) => c.promise)), cutOff]);
    clearTimeout(timer);
    const wave = codings.filter((c) => c.done);
    const stragglers = codings.filter((c) => !c.done);
    await this.decideAndAppend(
      wave.flatMap((c) => (c.coded ? [c.coded] : [])),
      streams,
      outcomes,
      fail,
    );
    if (stragglers.length > 0) {
      await Promise.all(stragglers.map((c) => c.promise));
      // Their streams as read with the batch: a stream that moved since shows up as a conflict and is read again.
      await this.decideAndAppend(
        stragglers.flatMap((c) => (c.coded ? [c.coded] : [])),
        streams,
        outcomes,
        fail,
      );
    }
    return outcomes;
  }

  /** Codes one article of the batch from its stream as the batch read it, or fails its job. */
  private async codeOne(
    job: Job<CodingJob>,
    streams: Map<string, unknown[]>,
    fail: (job: Job<CodingJob>, reason: unknown) => void,
  ): Promise<Coded | undefined> {
    const { articleId } = job.data;
    const stream = streams.get(articleStreamId(articleId))! as ArticleStreamEvent[];
    const article = foldArticle(stream).received;
    if (!article) return void fail(job, new UnrecoverableError(`article ${articleId} does not exist`));
    const startedAt = performance.now();
    const input = { text: article.text, publishedAt: article.publishedAt.slice(0, 10), language: article.language };
    try {
      const result = await this.code(input);
      this.reportProblems(articleId, result);
      return { job, articleId, result, supported: CODED_LANGUAGES.has(result.language), startedAt };
    } catch (error) {
      return void fail(job, error);
    }
  }

  /**
   * Decides and appends the coded articles in one statement; those whose stream moved
   * are read again and re-decided (not re-coded), up to CONFLICT_ROUNDS times.
   */
  private async decideAndAppend(
    coded: Coded[],
    streams: Map<string, unknown[]>,
    outcomes: Outcomes,
    fail: (job: Job<CodingJob>, reason: unknown) => void,
  ): Promise<void> {
    let pending = coded;
    let current = streams;
    for (let round = 1; pending.length > 0; round++) {
      const toAppend: { coded: Coded; append: StreamAppend }[] = [];
      for (const c of pending) {
        try {
          const stream = current.get(articleStreamId(c.articleId))! as (ArticleStreamEvent & { eventId: string })[];
          const events = decideArticle(this.recordingOf(c.articleId, c.result, c.supported), foldArticle(stream));
          if (events.length === 0) this.done(outcomes, c, 0, 'unchanged');
          else toAppend.push({ coded: c, append: this.appendOf(c.articleId, stream, events) });
        } catch (error) {
          fail(c.job, error);
        }
      }
      const results = await this.appendIsolated(toAppend.map((a) => a.append));
      const conflicts: Coded[] = [];
      results.forEach((result, i) => {
        const { coded: c } = toAppend[i]!;
        if (result instanceof ConcurrencyError && round < CONFLICT_ROUNDS) conflicts.push(c);
        else if (result instanceof Error) fail(c.job, result);
        else this.done(outcomes, c, result.appended, c.supported ? 'coded' : 'unsupported-language');
      });
      pending = conflicts;
      if (pending.length === 0) break;
      try {
        // Only the articles whose stream moved are read again; their texts are not coded again.
        current = await this.store.readStreams(pending.map((c) => articleStreamId(c.articleId)));
      } catch (error) {
        // The rest of the batch is stored: only these fail (their jobs are retried).
        for (const c of pending) fail(c.job, error);
        break;
      }
    }
  }

  /**
   * The batch's appends in one statement; if that statement fails (an article whose
   * events PostgreSQL refuses, or the database away), each article is tried alone, so
   * that one bad article fails only itself.
   */
  private async appendIsolated(appends: StreamAppend[]): Promise<(AppendResult | Error)[]> {
    if (appends.length === 0) return [];
    try {
      return await this.store.appendEach(appends);
    } catch (error) {
      if (appends.length === 1) return [error instanceof Error ? error : new Error(String(error))];
      this.logger.warn(
        { err: error, articles: appends.length },
        'coding batch append failed; storing its articles one by one',
      );
      const results: (AppendResult | Error)[] = [];
      for (const append of appends) results.push(...(await this.appendIsolated([append])));
      return results;
    }
  }

  private done(outcomes: Outcomes, c: Coded, appended: number, status: string): void {
    outcomes.set(c.job, { status: 'fulfilled', value: { appended } });
    // One line per article at info: what it became and how long it took (coding and storing).
    const ms = Math.round(performance.now() - c.startedAt);
    this.logger.log(
      { articleId: c.articleId, status, events: c.result.events.length, language: c.result.language, ms },
      'article coded',
    );
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

  private appendOf(articleId: string, stream: { eventId: string }[], decided: ArticleStreamEvent[]): StreamAppend {
    const streamId = articleStreamId(articleId);
    const version = stream.length;
    const causationId = stream[version - 1]!.eventId;
    const metadata = { correlationId: articleId, causationId, actor: `coder:${this.coder.version}` };
    return {
      streamId,
      events: decided.map((event, index) => ({
        ...event,
        // A coded event is stored under its own id; the rest get ids from their place in the stream.
        eventId: isEventType(event.type)
          ? (event.data as CodedEventRecorded).eventId
          : deterministicEventId(streamId, String(version), String(index)),
        metadata,
      })),
      expectedVersion: version,
    };
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
    const decided = decideArticle(
      { type: 'RecordCodingFailure', reason: error.message, attempts: job.attemptsMade },
      foldArticle(stream),
    );
    if (decided.length === 0) return;
    await this.store.append(
      streamId,
      decided.map((event) => ({
        ...event,
        eventId: deterministicEventId(streamId, 'failed', job.id ?? '', String(job.attemptsMade)),
        metadata: { correlationId: job.data.articleId, actor: 'coder' },
      })),
      { expectedVersion: stream.length },
    );
  }
}
