import { z } from 'zod';
import { ruleSchema } from '../subscriptions/subscription.schema.js';

// The alerts API's answers as schemas (types inferred, OpenAPI generated,
// the dashboard imports the types). Pure: zod only.

const side = z.enum(['agent', 'target']);
export const clauseMatchSchema = z.discriminatedUnion('clause', [
  z.object({ clause: z.literal('eventTypes'), expected: z.array(z.string()), actual: z.string() }),
  z.object({
    clause: z.literal('countries'),
    role: z.enum(['agent', 'target', 'either']),
    expected: z.array(z.string()),
    matched: z.array(z.object({ side, actorId: z.string(), country: z.string() })),
  }),
  z.object({
    clause: z.literal('actorIds'),
    role: z.enum(['agent', 'target', 'either']),
    expected: z.array(z.string()),
    matched: z.array(z.object({ side, actorId: z.string() })),
  }),
  z.object({
    clause: z.literal('goldstein'),
    min: z.number().optional(),
    max: z.number().optional(),
    actual: z.number(),
  }),
  z.object({ clause: z.literal('modalities'), expected: z.array(z.string()), actual: z.string() }),
  z.object({
    clause: z.literal('words'),
    expected: z.array(z.string()),
    matched: z.array(
      z.object({ word: z.string(), evidenceIndex: z.number().int(), start: z.number().int(), end: z.number().int() }),
    ),
  }),
]);

const namedActor = z.object({ id: z.string(), name: z.string(), country: z.string() });

export const alertEventExplainedSchema = z.object({
  eventId: z.string(),
  articleId: z.string(),
  type: z.string(),
  modality: z.string(),
  goldstein: z.number().nullable(),
  agent: z.array(namedActor),
  target: z.array(namedActor),
  date: z.object({ start: z.string(), end: z.string(), precision: z.string(), text: z.string().optional() }),
  evidence: z.array(z.object({ start: z.number().int(), end: z.number().int(), text: z.string() })),
  matched: z
    .array(clauseMatchSchema)
    .describe('The clauses of the rule this event satisfied, and what in it satisfied them'),
});

export const alertExplanationSchema = z.object({
  rule: ruleSchema,
  sources: z.object({ required: z.number().int(), outlets: z.number().int(), articles: z.number().int() }),
  events: z
    .array(alertEventExplainedSchema)
    .describe('The matching events, oldest report first: at most 20 (see omitted)'),
  articles: z.array(
    z.object({
      articleId: z.string(),
      url: z.string(),
      title: z.string(),
      outlet: z.string(),
      publishedAt: z.string(),
      apiUrl: z.string(),
    }),
  ),
  omitted: z.object({ events: z.number().int(), articles: z.number().int() }).optional(),
});

export const alertViewSchema = z.object({
  alertId: z.string(),
  subscriptionId: z.string(),
  subscriptionName: z.string(),
  incidentId: z.string(),
  status: z.enum(['active', 'retracted']),
  eventType: z.string(),
  eventIds: z.array(z.string()),
  articleIds: z.array(z.string()),
  sourceCount: z.number().int(),
  outletCount: z.number().int(),
  explanation: alertExplanationSchema,
  retraction: z
    .object({
      reason: z.enum(['event-retracted', 'no-longer-matches', 'merged']),
      eventIds: z.array(z.string()),
      mergedInto: z.string().optional(),
    })
    .nullable(),
  raisedAt: z.string(),
  updatedAt: z.string().describe('When this state (version) was recorded'),
  version: z.number().int(),
});

export const deliveryAttemptSchema = z.object({
  attempt: z.number().int(),
  url: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  status: z.number().int().nullable(),
  latencyMs: z.number().nullable(),
  ok: z.boolean().nullable(),
  error: z.string().nullable().describe('null with finishedAt null: the worker stopped during the attempt'),
});

export const alertDeliverySchema = z.object({
  revision: z.number().int(),
  kind: z.string(),
  webhookId: z.string(),
  state: z.enum(['pending', 'delivered', 'dead']),
  attempts: z.array(deliveryAttemptSchema),
  replays: z.number().int(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  lastError: z.string().nullable(),
  deadLetters: z.array(
    z.object({
      failedAt: z.string(),
      attempts: z.number().int(),
      lastError: z.string().nullable(),
      replayedAt: z.string().nullable(),
      replayedBy: z.string().nullable(),
    }),
  ),
});

export const alertDetailSchema = alertViewSchema.extend({
  announcements: z
    .array(
      z.object({
        revision: z.number().int(),
        kind: z.string(),
        recordedAt: z.string(),
        delivered: z.object({ queue: z.boolean(), webhook: z.boolean() }),
      }),
    )
    .describe("What downstream was told, in order (the alert's stream)"),
  deliveries: z.array(alertDeliverySchema),
  attempts: z
    .array(deliveryAttemptSchema.extend({ revision: z.number().int(), at: z.string() }))
    .describe('Every webhook attempt of every revision'),
  deadLetter: z
    .object({
      revision: z.number().int(),
      failedAt: z.string(),
      attempts: z.number().int(),
      lastError: z.string().nullable(),
    })
    .nullable()
    .describe('The open dead letter, if any'),
});

export const subscriptionViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  rule: ruleSchema,
  delivery: z.object({ queue: z.boolean(), webhook: z.object({ url: z.string() }).nullable() }),
  notifyOnUpdate: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  deletedAt: z.string().nullable(),
  deletedBy: z.string().nullable(),
});

export const savedSubscriptionSchema = subscriptionViewSchema.extend({
  webhookSecret: z
    .string()
    .nullable()
    .describe('A generated or rotated webhook secret, shown this once; null otherwise'),
});

export const replayResultSchema = z.object({
  replayed: z.array(z.object({ revision: z.number().int(), jobId: z.string() })),
});

export type ClauseMatchView = z.infer<typeof clauseMatchSchema>;
export type AlertExplanationView = z.infer<typeof alertExplanationSchema>;
export type AlertViewJson = z.infer<typeof alertViewSchema>;
export type AlertDetailJson = z.infer<typeof alertDetailSchema>;
export type DeliveryJson = z.infer<typeof alertDeliverySchema>;
export type SubscriptionJson = z.infer<typeof subscriptionViewSchema>;
export type SavedSubscriptionJson = z.infer<typeof savedSubscriptionSchema>;
