import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { sql } from 'kysely';
import { consumerStatuses } from '#event-store';
import { ConsumerRegistry, DATABASE, type DatabaseHandle } from '#platform';
import { DOWNSTREAM_QUEUE_NAMES, QUEUE_NAMES, QueueConnection } from '#queue';
import type { ConsumerView, QueueView, StatsView } from './operations.schema.js';

/** The BullMQ queues the dashboard watches (and bull-board shows): every queue of the catalog in libs/queue. */
export const WATCHED_QUEUES = QUEUE_NAMES;

const JOB_STATES = ['waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized', 'waiting-children'] as const;

export type { ConsumerView, QueueView, StatsView } from './operations.schema.js';

/** Why jobs wait, in words, when it is knowable from the counts and the connected workers. */
export function waitingNote(name: string, counts: Record<string, number>, workers: number | null): string | null {
  const waiting = (counts.waiting ?? 0) + (counts.prioritized ?? 0);
  if (waiting === 0 || workers === null || workers > 0) return null;
  if (DOWNSTREAM_QUEUE_NAMES.has(name)) {
    return `no consumer attached: ${waiting} job(s) wait until a downstream consumer reads the ${name} queue (see examples/alert-consumer.ts)`;
  }
  return `no worker attached: ${waiting} job(s) wait until a newsledger worker runs (npm run start:worker, or npm start)`;
}

/** An article whose coding failed after every attempt (re-queue it with POST /api/articles/:id/recode). */
export interface CodingFailureView {
  articleId: string;
  title: string;
  outlet: string;
  reason: string | null;
  attempts: number | null;
  failedAt: string;
}

const HOUR_MS = 3_600_000;

/** Read-only figures for the dashboard's Overview and Operations pages. */
@Injectable()
export class OperationsService {
  private readonly queues = new Map<string, Queue>();

  constructor(
    @Inject(DATABASE) private readonly database: DatabaseHandle,
    private readonly registry: ConsumerRegistry,
    private readonly connection: QueueConnection,
  ) {}

  /** One Queue handle per watched queue for the life of the app (closed with the QueueConnection). */
  queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = this.connection.queue(name);
      this.queues.set(name, queue);
    }
    return queue;
  }

  async logPosition(): Promise<string> {
    const row = await this.database.db
      .selectFrom('events')
      .select((eb) => eb.fn.max('global_position').as('max'))
      .executeTakeFirst();
    return String(row?.max ?? 0);
  }

  /** Every consumer that has a checkpoint, plus those registered here that have none yet. */
  async consumers(): Promise<ConsumerView[]> {
    const stored = await this.database.db.selectFrom('consumer_checkpoints').select('consumer').execute();
    const names = [...new Set([...stored.map((r) => r.consumer), ...this.registry.names()])].sort();
    const statuses = await consumerStatuses(this.database.db, names);
    return statuses.map((s) => {
      const here = this.registry.get(s.consumer);
      return {
        consumer: s.consumer,
        transactionId: s.transactionId,
        globalPosition: s.globalPosition,
        updatedAt: s.updatedAt ? s.updatedAt.toISOString() : null,
        lagEvents: s.lagEvents,
        lagSeconds: Math.round(s.lagSeconds * 10) / 10,
        runningHere: here !== undefined,
        leader: Boolean(here?.isLeader),
      };
    });
  }

  async queueCounts(): Promise<QueueView[]> {
    return Promise.all(
      WATCHED_QUEUES.map(async (name): Promise<QueueView> => {
        try {
          const queue = this.queue(name);
          const [counts, failed, workers] = await Promise.all([
            queue.getJobCounts(...JOB_STATES),
            queue.getFailed(0, 4),
            // Redis knows the connected workers by their client names; a backend that cannot tell gives null.
            queue.getWorkersCount().catch(() => null),
          ]);
          return {
            name,
            counts,
            workers,
            note: waitingNote(name, counts, workers),
            failed: failed.filter(Boolean).map((job) => ({
              id: String(job.id),
              name: job.name,
              failedReason: String(job.failedReason ?? '').slice(0, 500),
              attemptsMade: job.attemptsMade,
              finishedOn: job.finishedOn ?? null,
            })),
          };
        } catch (error) {
          return {
            name,
            counts: {},
            failed: [],
            workers: null,
            note: null,
            error: error instanceof Error ? error.message : String(error),
          };
        }
      }),
    );
  }

  async stats(now = new Date()): Promise<StatsView> {
    const db = this.database.db;
    const since = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS - 47 * HOUR_MS);
    const [perHour, perTypeAndModality, byStatus, logPosition, alerts] = await Promise.all([
      sql<{ hour: Date; n: string }>`
        select date_trunc('hour', received_at) as hour, count(*) as n
        from read_articles where received_at >= ${since}
        group by 1 order by 1`.execute(db),
      // One pass over the current events: per type and modality, summed both ways below.
      sql<{ type: string; modality: string; n: string }>`
        select type, modality, count(*) as n from read_events
        where recorded_to is null and status = 'active'
        group by type, modality`.execute(db),
      sql<{ status: string; n: string }>`
        select status, count(*) as n from read_article_states where recorded_to is null group by status`.execute(db),
      this.logPosition(),
      this.alertsPerHour(since),
    ]);
    const counts = new Map(perHour.rows.map((r) => [new Date(r.hour).getTime(), Number(r.n)]));
    const articlesPerHour = Array.from({ length: 48 }, (_, i) => {
      const t = since.getTime() + i * HOUR_MS;
      return { hour: new Date(t).toISOString(), articles: counts.get(t) ?? 0 };
    });
    return {
      generatedAt: now.toISOString(),
      articlesPerHour,
      eventsPerType: perTypeAndModality.rows
        .filter((r) => r.modality === 'asserted')
        .map((r) => ({ type: r.type, events: Number(r.n) }))
        .sort((a, b) => b.events - a.events || a.type.localeCompare(b.type)),
      eventsPerModality: perTypeAndModality.rows.reduce<Record<string, number>>(
        (sums, r) => ({ ...sums, [r.modality]: (sums[r.modality] ?? 0) + Number(r.n) }),
        {},
      ),
      articlesByStatus: Object.fromEntries(byStatus.rows.map((r) => [r.status, Number(r.n)])),
      alertsSent: alerts
        ? Array.from({ length: 48 }, (_, i) => {
            const t = since.getTime() + i * HOUR_MS;
            return { hour: new Date(t).toISOString(), alerts: alerts.get(t) ?? 0 };
          })
        : null,
      logPosition,
    };
  }

  /** Articles whose coding failed for good, newest first, with the reason (a coder error, a time limit). */
  async codingFailures(limit = 100): Promise<{ total: number; failures: CodingFailureView[] }> {
    const db = this.database.db;
    const current = db
      .selectFrom('read_article_states as s')
      .where('s.recorded_to', 'is', null)
      .where('s.status', '=', 'failed');
    const [rows, total] = await Promise.all([
      current
        .innerJoin('read_articles as a', 'a.article_id', 's.article_id')
        .select(['s.article_id', 'a.title', 'a.outlet', 's.failure_reason', 's.failure_attempts', 's.recorded_from'])
        .orderBy('s.recorded_from', 'desc')
        .limit(limit)
        .execute(),
      current.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return {
      total: Number(total.n),
      failures: rows.map((r) => ({
        articleId: r.article_id,
        title: r.title,
        outlet: r.outlet,
        reason: r.failure_reason,
        attempts: r.failure_attempts,
        failedAt: new Date(r.recorded_from).toISOString(),
      })),
    };
  }

  /** Alerts raised per hour (first version of each alert), when this build has the alerts read model. */
  private async alertsPerHour(since: Date): Promise<Map<number, number> | null> {
    const db = this.database.db;
    const exists = await sql<{ t: string | null }>`select to_regclass('public.alerts')::text as t`.execute(db);
    if (!exists.rows[0]?.t) return null;
    const rows = await sql<{ hour: Date; n: string }>`
      select date_trunc('hour', first_recorded_at) as hour, count(distinct alert_id) as n from alerts
      where first_recorded_at >= ${since} group by 1`.execute(db);
    return new Map(rows.rows.map((r) => [new Date(r.hour).getTime(), Number(r.n)]));
  }
}
