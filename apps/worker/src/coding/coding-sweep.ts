import type { Queue } from 'bullmq';
import { sql } from 'kysely';
import type { Db } from '#db';
import { CODING_JOB_OPTIONS, type CodingJob, codingJobId } from './coding-jobs.js';

/** Articles handled per sweep; a larger backlog is taken over the next sweeps. */
export const SWEEP_BATCH = 1_000;

export interface SweepResult {
  /** Articles still waiting for coding (received, or re-code asked for) that were handed to the queue again. */
  offered: number;
}

/**
 * Recovery when the queue lost its jobs (Redis restarted empty, FLUSHALL, a
 * restored backup): every article still `received`, or with a re-code asked
 * for and not done, that has waited longer than `olderThanMs` gets its job
 * again under its business job id. A job that still exists makes the add a
 * no-op (BullMQ ignores an id it holds in any state), so sweeping is
 * idempotent and safe from several workers at once; only what was lost is
 * queued anew.
 */
export async function sweepLostCodingJobs(db: Db, queue: Queue<CodingJob>, olderThanMs: number): Promise<SweepResult> {
  const before = new Date(Date.now() - olderThanMs);
  const { rows } = await sql<{ article_id: string; status: string; recode_event_id: string | null }>`
    select s.article_id, s.status, recode.event_id as recode_event_id
    from read_article_states s
    left join lateral (
      select e.event_id from events e
      where e.stream_id = 'article-' || s.article_id and e.type = 'ArticleRecodeRequested'
      order by e.stream_version desc limit 1
    ) recode on s.status = 'coded'
    where s.recorded_to is null
      and s.recorded_from < ${before}
      and (s.status = 'received' or (s.status = 'coded' and s.recode_requested is not null and s.recode_requested <> 'null'::jsonb))
    order by s.recorded_from
    limit ${SWEEP_BATCH}`.execute(db);
  const jobs = rows.flatMap((row): CodingJob[] => {
    if (row.status === 'received') return [{ articleId: row.article_id, cause: { kind: 'received' } }];
    return row.recode_event_id
      ? [{ articleId: row.article_id, cause: { kind: 'recode', requestEventId: row.recode_event_id } }]
      : [];
  });
  if (jobs.length)
    await queue.addBulk(
      jobs.map((data) => ({
        name: data.cause.kind === 'received' ? 'code' : 'recode',
        data,
        opts: { ...CODING_JOB_OPTIONS, jobId: codingJobId(data) },
      })),
    );
  return { offered: jobs.length };
}
