import { z } from 'zod';
import { EVENT_TYPE_NAMES, MODALITIES, PLACE_PRECISIONS, SECTORS } from '#domain';

// The coded event as the API gives it. These schemas are the contract: the
// TypeScript types below are inferred from them, the OpenAPI document is
// generated from them, and the dashboard imports the types.

export const actorSchema = z.object({
  name: z.string(),
  id: z.string().describe('Stable slug, e.g. mustafa-al-kadhimi'),
  country: z.string().describe('ISO 3166-1 alpha-3, or IGO'),
  sector: z.enum(SECTORS),
});

export const dateIntervalSchema = z
  .object({
    start: z.string().describe('YYYY-MM-DD, inclusive'),
    end: z.string().describe('YYYY-MM-DD, inclusive'),
    precision: z.enum(['day', 'week', 'month', 'season', 'year', 'unknown']),
    text: z.string().optional().describe('The words the date came from'),
  })
  .describe('Resolved interval, inclusive');

export const evidenceSpanSchema = z.object({ start: z.number().int(), end: z.number().int(), text: z.string() });

export const eventLocationSchema = z.object({
  name: z.string().describe('The place as the article names it'),
  country: z.string().describe('ISO 3166-1 alpha-3'),
  lat: z.number().optional().describe('WGS84 latitude from the gazetteer'),
  lon: z.number().optional().describe('WGS84 longitude from the gazetteer'),
  precision: z.enum(PLACE_PRECISIONS).optional().describe('city, region (first-level division) or country'),
  region: z.string().optional(),
  regionCode: z.string().optional().describe('ISO 3166-2 code of the region'),
  placeId: z.string().optional().describe("The gazetteer's id of the place"),
});

export const eventHistoryEntrySchema = z.object({
  kind: z.enum(['correction', 'retraction']),
  changes: z.record(z.string(), z.unknown()).optional(),
  reason: z.string(),
  by: z.string(),
  recordedAt: z.string(),
  version: z.number().int(),
});

export const eventViewSchema = z.object({
  eventId: z.string(),
  articleId: z.string(),
  type: z.enum(EVENT_TYPE_NAMES),
  agent: z.array(actorSchema),
  target: z.array(actorSchema),
  date: dateIntervalSchema,
  location: eventLocationSchema.nullable(),
  modality: z
    .enum(MODALITIES)
    .describe(
      'asserted: it happened or is happening; future, hypothetical, negated: it did not (yet) — shown only when asked for',
    ),
  evidence: z.array(evidenceSpanSchema).describe('Character offsets into the article text, end exclusive'),
  attribution: z.string().nullable(),
  confidence: z.number(),
  cameo: z.string().nullable(),
  goldstein: z.number().nullable(),
  plover: z.string().nullable(),
  links: z.array(z.string()),
  caption: z.boolean(),
  coderVersion: z.string(),
  status: z.enum(['active', 'retracted']),
  recordedAt: z.string().describe('When the event was first recorded'),
  versionRecordedAt: z.string().describe('When this version of it was recorded'),
  history: z
    .array(eventHistoryEntrySchema)
    .describe('Corrections and the retraction, oldest first, as recorded before asOf'),
});

export type EventView = z.infer<typeof eventViewSchema>;
