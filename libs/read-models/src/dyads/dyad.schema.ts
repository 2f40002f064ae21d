import { z } from 'zod';

const QUADS = ['verbal-cooperation', 'material-cooperation', 'verbal-conflict', 'material-conflict', 'other'] as const;

export const dyadSchema = z.object({
  actor1: z.string().describe('Agent-side country (GDELT Actor1CountryCode)'),
  actor2: z.string().describe('Target-side country (Actor2CountryCode)'),
  events: z.number().int(),
  goldsteinSum: z.number(),
  goldsteinAvg: z.number().nullable(),
  byQuadClass: z.record(z.enum(QUADS), z.number().int()).describe('Events per CAMEO quad class'),
});
export type Dyad = z.infer<typeof dyadSchema>;
