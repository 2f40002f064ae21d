import { z } from 'zod';
import { actorSchema, eventViewSchema } from '../events/event-view.schema.js';

export const counterpartSchema = z.object({
  id: z.string(),
  name: z.string(),
  country: z.string(),
  events: z.number().int().describe('Events the actor shares with this counterpart'),
  goldsteinSum: z.number(),
});

export const monthBalanceSchema = z.object({
  month: z.string().describe("YYYY-MM of the events' start date; months without events are listed with zeros"),
  events: z.number().int(),
  goldsteinAsAgent: z.number(),
  goldsteinAsTarget: z.number(),
  goldsteinTotal: z.number(),
});

export const actorDossierSchema = z.object({
  actor: actorSchema,
  asAgent: z.number().int(),
  asTarget: z.number().int(),
  counterparts: z
    .array(counterpartSchema)
    .describe('The 100 most frequent counterparts (counterpartCount has them all)'),
  counterpartCount: z.number().int(),
  goldsteinByMonth: z.array(monthBalanceSchema),
  events: z
    .array(eventViewSchema)
    .describe('The latest events (by occurrence); page through all of them with GET /api/events?actor='),
  asOf: z.string().nullable(),
});

export const actorMatchSchema = z.object({
  id: z.string(),
  name: z.string().describe('The name the events give it most often'),
  country: z.string(),
  sector: z.string(),
  events: z.number().int().describe('Events naming it (with the modalities asked for)'),
  matchedAlias: z.string().nullable().describe("The dictionary's alias the search matched, when not the name itself"),
});

export type Counterpart = z.infer<typeof counterpartSchema>;
export type MonthBalance = z.infer<typeof monthBalanceSchema>;
export type ActorDossier = z.infer<typeof actorDossierSchema>;
export type ActorMatch = z.infer<typeof actorMatchSchema>;
