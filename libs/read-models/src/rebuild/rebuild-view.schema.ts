import { z } from 'zod';

export const rebuildViewSchema = z.object({
  rebuildId: z.string(),
  consumer: z.string().describe('The projection rebuilt, e.g. read-model.events'),
  status: z.string().describe('requested → running → swapped, or failed'),
  requestedBy: z.string(),
  reason: z.string().nullable(),
  requestedAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  processed: z.number().int().describe('Events handled so far'),
  remaining: z.number().int().nullable().describe('Events still to handle, when known'),
  error: z.string().nullable(),
});
export type RebuildView = z.infer<typeof rebuildViewSchema>;
