/** The `coding` queue's contract between the dispatcher and the coding processor. */
export const CODING_QUEUE = 'coding';

export interface CodingJob {
  articleId: string;
  /** What caused it: the article arriving, or an analyst's re-code request (its event id). */
  cause: { kind: 'received' } | { kind: 'recode'; requestEventId: string };
}

/** Business job ids: the same cause never queues twice (BullMQ ignores a second add with the same id). */
export function codingJobId(job: CodingJob): string {
  return job.cause.kind === 'received' ? `article-${job.articleId}` : `recode-${job.cause.requestEventId}`;
}

export const CODING_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  // Keep finished jobs a while (their ids still deduplicate), then let them go.
  removeOnComplete: { age: 7 * 24 * 3600, count: 100_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
} as const;
