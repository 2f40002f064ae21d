import { Inject, Injectable, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { ConsumerRegistry, DATABASE, type DatabaseHandle, parkedLogLine } from '#platform';
import { QueueConnection, REBUILD_JOB_OPTIONS, REBUILDS_QUEUE } from '#queue';
import {
  type ProjectionRebuildRequested,
  READ_MODEL_PROJECTIONS,
  REBUILD_REQUESTED,
  rebuildProjection,
  updateRebuild,
} from '#read-models';

const PROGRESS_EVERY_MS = 500;

/**
 * Rebuild requests come from the log (ProjectionRebuildRequested) onto the
 * `rebuilds` queue (jobId = rebuild id); one rebuild runs at a time. A worker
 * that dies mid-rebuild leaves the job to be retried: the new version starts
 * over in a fresh schema, the live projection untouched meanwhile.
 */
@Injectable()
export class ProjectionRebuilds implements OnModuleInit {
  private readonly logger = new Logger('Rebuilds');

  constructor(
    private readonly consumers: ConsumerRegistry,
    private readonly queues: QueueConnection,
    @Inject(DATABASE) private readonly database: DatabaseHandle,
  ) {}

  onModuleInit(): void {
    const queue = this.queues.queue<ProjectionRebuildRequested>(REBUILDS_QUEUE);
    this.consumers.register({
      name: 'rebuild-dispatcher',
      types: [REBUILD_REQUESTED],
      retryDelayMs: 2_000,
      handle: async (events) => {
        await queue.addBulk(
          events.map((event) => {
            const data = event.data as ProjectionRebuildRequested;
            return { name: 'rebuild', data, opts: { ...REBUILD_JOB_OPTIONS, jobId: data.rebuildId } };
          }),
        );
      },
    });
    const worker = this.queues.worker<ProjectionRebuildRequested, { processed: number }>(
      REBUILDS_QUEUE,
      (job) => this.run(job),
      { concurrency: 1 },
    );
    worker.on('failed', (job, error) => {
      if (!job) return;
      const final = error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
      this.logger.error({ err: error, rebuildId: job.data.rebuildId, final }, `rebuild of ${job.data.consumer} failed`);
      if (final)
        void updateRebuild(this.database.db, job.data.rebuildId, {
          status: 'failed',
          finished_at: new Date(),
          error: error.message,
        });
    });
  }

  private async run(job: Job<ProjectionRebuildRequested>): Promise<{ processed: number }> {
    const { rebuildId, consumer } = job.data;
    const projection = READ_MODEL_PROJECTIONS.find((p) => p.name === consumer);
    if (!projection) throw new UnrecoverableError(`${consumer} is not a rebuildable projection`);
    await updateRebuild(this.database.db, rebuildId, {
      status: 'running',
      started_at: new Date(),
      processed: 0,
      remaining: null,
      error: null,
    });
    let reportedAt = 0;
    const result = await rebuildProjection(this.database.db, projection, {
      onParked: (notice) =>
        this.logger.error(
          parkedLogLine(notice),
          `the rebuild of ${consumer} parked an event it could not apply and went on`,
        ),
      onProgress: async ({ processed, remaining }) => {
        if (Date.now() - reportedAt < PROGRESS_EVERY_MS && remaining > 0) return;
        reportedAt = Date.now();
        await updateRebuild(this.database.db, rebuildId, { processed, remaining });
        await job.updateProgress({ processed, remaining });
      },
    });
    await updateRebuild(this.database.db, rebuildId, {
      status: 'swapped',
      finished_at: new Date(),
      processed: result.processed,
      remaining: 0,
    });
    this.logger.log({ rebuildId, processed: result.processed }, `rebuilt ${consumer} and swapped it in`);
    return { processed: result.processed };
  }
}

@Module({ providers: [ProjectionRebuilds] })
export class RebuildsModule {}
