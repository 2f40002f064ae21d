// The `coding` queue's contract lives with every other queue's in libs/queue (src/queues.ts).
export { CODING_JOB_OPTIONS, CODING_QUEUE, type CodingJob, codingJobId } from '#queue';
