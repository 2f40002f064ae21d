import { z } from 'zod';

// The operations API's answers (the Overview and Operations pages). Pure zod,
// so the dashboard imports the inferred types.

export const consumerViewSchema = z.object({
  consumer: z.string(),
  transactionId: z.string(),
  globalPosition: z.string(),
  updatedAt: z.string().nullable(),
  lagEvents: z.number().int().describe('Events in the log it has not handled yet'),
  lagSeconds: z.number().describe('Age of the oldest event it has not handled'),
  runningHere: z
    .boolean()
    .describe('Registered in this process (the api runs the projections too when started standalone)'),
  leader: z.boolean(),
});

export const queueViewSchema = z.object({
  name: z.string(),
  counts: z
    .record(z.string(), z.number().int())
    .describe('Jobs per state: waiting, active, delayed, completed, failed, prioritized, waiting-children'),
  failed: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      failedReason: z.string(),
      attemptsMade: z.number().int(),
      finishedOn: z.number().nullable(),
    }),
  ),
  workers: z
    .number()
    .int()
    .nullable()
    .describe('Workers connected to the queue now; null when the backend cannot tell'),
  note: z
    .string()
    .nullable()
    .describe('Why jobs wait, when they do and the reason is known (e.g. no consumer attached)'),
  error: z.string().optional(),
});

export const statsViewSchema = z.object({
  generatedAt: z.string(),
  articlesPerHour: z
    .array(z.object({ hour: z.string(), articles: z.number().int() }))
    .describe('The last 48 hours, empty hours included'),
  eventsPerType: z
    .array(z.object({ type: z.string(), events: z.number().int() }))
    .describe('Active asserted events per type'),
  eventsPerModality: z
    .record(z.string(), z.number().int())
    .describe('Active events per modality: what happened (asserted) and what did not'),
  articlesByStatus: z.record(z.string(), z.number().int()),
  alertsSent: z
    .array(z.object({ hour: z.string(), alerts: z.number().int() }))
    .nullable()
    .describe('Alerts raised per hour; null when this build has no alerts table'),
  logPosition: z.string(),
});

export const catalogSchema = z.object({
  eventTypes: z.array(z.string()),
  modalities: z.array(z.string()),
  defaultModalities: z.array(z.string()).describe('What reads and alert rules include unless asked otherwise'),
  sectors: z.array(z.string()),
  precisions: z.array(z.string()),
  queues: z.array(z.string()),
});

export const codingFailuresSchema = z.object({
  total: z.number().int(),
  failures: z
    .array(
      z.object({
        articleId: z.string(),
        title: z.string(),
        outlet: z.string(),
        reason: z.string().nullable(),
        attempts: z.number().int().nullable(),
        failedAt: z.string(),
      }),
    )
    .describe('Newest first, at most 100'),
});

export const parkedEventSchema = z.object({
  parkedId: z.string(),
  consumer: z.string(),
  eventId: z.string(),
  globalPosition: z.string(),
  transactionId: z.string(),
  streamId: z.string(),
  eventType: z.string(),
  error: z.string(),
  attempts: z.number().int(),
  firstFailedAt: z.string(),
  lastFailedAt: z.string(),
  status: z.enum(['parked', 'replay-requested', 'replayed']),
  replayRequestedBy: z.string().nullable(),
  replayRequestedAt: z.string().nullable(),
  replayedAt: z.string().nullable(),
});

export type ConsumerView = z.infer<typeof consumerViewSchema>;
export type QueueView = z.infer<typeof queueViewSchema>;
export type StatsView = z.infer<typeof statsViewSchema>;
export type CatalogView = z.infer<typeof catalogSchema>;
