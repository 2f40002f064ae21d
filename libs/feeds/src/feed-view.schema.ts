import { z } from 'zod';

// GET /api/feeds answers with these (OpenAPI is generated from them; the
// dashboard imports the types). Pure zod.

const counts = z.object({
  seen: z.number().int(),
  ingested: z.number().int(),
  duplicate: z.number().int(),
  skippedNoLink: z.number().int(),
  invalid: z.number().int(),
});

export const feedViewSchema = z.object({
  id: z.string(),
  url: z.string(),
  outlet: z.string(),
  pollIntervalSeconds: z.number().int(),
  registeredBy: z.string(),
  registeredAt: z.string(),
  lastPolledAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
  items: counts.describe('Totals over every poll since registration'),
  lastPoll: counts.extend({ notModified: z.boolean().optional() }).nullable(),
  itemErrors: z
    .array(
      z.object({
        item: z.string(),
        error: z.string(),
        at: z.string().describe('Last seen failing'),
        polls: z.number().int().describe('On how many polls'),
      }),
    )
    .describe('The latest items skipped because they could not be ingested (at most 20)'),
});
export type FeedViewJson = z.infer<typeof feedViewSchema>;
