import { z } from 'zod';
import { ARTICLE_STATUSES } from '#domain';
import { eventViewSchema } from '../events/event-view.schema.js';

export const articleSummarySchema = z.object({
  id: z.string(),
  url: z.string(),
  title: z.string(),
  outlet: z.string(),
  publishedAt: z.string(),
  status: z
    .enum(ARTICLE_STATUSES)
    .describe(
      'received: not coded yet; coded; unsupported-language: in a language the coder does not read, ' +
        'so no events were looked for; failed: see failureReason',
    ),
  failureReason: z.string().nullable(),
  coderVersion: z.string().nullable(),
  language: z
    .string()
    .nullable()
    .describe("ISO 639-1 code the coder read the text as (the sender's `language`, else detected); null before coding"),
  recodeRequested: z.object({ requestedBy: z.string(), reason: z.string().optional() }).nullable(),
  eventCount: z.number().int().describe('Active asserted events: what the article says happened'),
  otherModalityEventCount: z.number().int().describe('Active future, hypothetical and negated events'),
  retractedEventCount: z.number().int(),
  receivedAt: z.string(),
  codedAt: z.string().nullable(),
});

export const articleHistoryEntrySchema = z.object({
  streamVersion: z.number().int(),
  type: z.string(),
  recordedAt: z.string(),
  eventId: z.string(),
  subject: z
    .string()
    .optional()
    .describe('The coded event the entry is about (coded events, corrections, retractions)'),
  by: z.string().optional(),
  reason: z.string().optional(),
});

export const articleDetailSchema = articleSummarySchema.extend({
  text: z.string(),
  events: z.array(eventViewSchema).describe('Its events of the modalities asked for (default asserted), any status'),
  history: z.array(articleHistoryEntrySchema).describe("The article stream's events in order"),
});

export type ArticleSummary = z.infer<typeof articleSummarySchema>;
export type ArticleHistoryEntry = z.infer<typeof articleHistoryEntrySchema>;
export type ArticleDetail = z.infer<typeof articleDetailSchema>;
