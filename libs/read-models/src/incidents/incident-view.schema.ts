import { z } from 'zod';
import { EVENT_TYPE_NAMES } from '#domain';
import { actorSchema } from '../events/event-view.schema.js';

export const incidentSourceSchema = z.object({
  articleId: z.string(),
  title: z.string(),
  outlet: z.string(),
  url: z.string(),
  publishedAt: z.string(),
  eventIds: z.array(z.string()).describe("The article's events in this incident"),
});

/** An analyst's merge or split that concerned the incident, as the log recorded it. */
export const incidentCorrectionSchema = z.object({
  kind: z.enum(['merged', 'split']),
  by: z.string().describe('The admin who made it'),
  reason: z.string(),
  recordedAt: z.string(),
  logPosition: z.string().describe('Global position of the correction in the event log'),
  incidentIds: z.array(z.string()).optional().describe('merged: the incidents merged'),
  into: z.string().optional().describe('merged: the one kept'),
  from: z.string().optional().describe('split: the incident split'),
  to: z.string().optional().describe('split: the new incident'),
  eventIds: z.array(z.string()).optional().describe('split: the events moved into it'),
});

export const incidentViewSchema = z.object({
  incidentId: z.string(),
  type: z.enum(EVENT_TYPE_NAMES),
  dateStart: z.string().describe("Union of the member events' intervals"),
  dateEnd: z.string(),
  agentCountries: z.array(z.string()),
  targetCountries: z.array(z.string()),
  agents: z.array(actorSchema),
  targets: z.array(actorSchema),
  sourceCount: z.number().int().describe('Articles reporting it (its sources)'),
  outletCount: z.number().int(),
  eventCount: z.number().int(),
  sources: z.array(incidentSourceSchema),
  history: z
    .array(incidentCorrectionSchema)
    .describe(
      "Analysts' merges and splits concerning it (POST /api/incidents/merge, /api/incidents/:id/split), oldest first",
    ),
});

export type IncidentSource = z.infer<typeof incidentSourceSchema>;
export type IncidentCorrection = z.infer<typeof incidentCorrectionSchema>;
export type IncidentView = z.infer<typeof incidentViewSchema>;
