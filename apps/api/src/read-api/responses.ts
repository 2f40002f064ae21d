import { z } from 'zod';
import { ARTICLE_STATUSES } from '#domain';

// Response shapes, for /docs only (the read models build the answers). Written as
// zod so the OpenAPI schema is generated, like the query parameters'.

const actor = z.object({ name: z.string(), id: z.string(), country: z.string().describe('ISO alpha-3 or IGO'), sector: z.string() });
const date = z.object({ start: z.string(), end: z.string(), precision: z.string(), text: z.string().optional() }).describe('Resolved interval, inclusive');
const historyEntry = z.object({
  kind: z.enum(['correction', 'retraction']),
  changes: z.record(z.string(), z.unknown()).optional(),
  reason: z.string(),
  by: z.string(),
  recordedAt: z.string(),
  version: z.number(),
});

export const eventView = z.object({
  eventId: z.string(),
  articleId: z.string(),
  type: z.string(),
  agent: z.array(actor),
  target: z.array(actor),
  date,
  location: z.object({ name: z.string(), country: z.string() }).nullable(),
  modality: z.string(),
  evidence: z.array(z.object({ start: z.number(), end: z.number(), text: z.string() })).describe('Character offsets into the article text, end exclusive'),
  attribution: z.string().nullable(),
  confidence: z.number(),
  cameo: z.string().nullable(),
  goldstein: z.number().nullable(),
  plover: z.string().nullable(),
  links: z.array(z.string()),
  caption: z.boolean(),
  coderVersion: z.string(),
  status: z.enum(['active', 'retracted']),
  recordedAt: z.string(),
  versionRecordedAt: z.string(),
  history: z.array(historyEntry).describe('Corrections and the retraction, oldest first'),
});

export const articleSummary = z.object({
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
  eventCount: z.number(),
  retractedEventCount: z.number(),
  receivedAt: z.string(),
  codedAt: z.string().nullable(),
});

export const articleDetail = articleSummary.extend({
  text: z.string(),
  events: z.array(eventView),
  history: z
    .array(z.object({ streamVersion: z.number(), type: z.string(), recordedAt: z.string(), eventId: z.string(), subject: z.string().optional(), by: z.string().optional(), reason: z.string().optional() }))
    .describe("The article stream's events in order"),
});

export const page = (item: z.ZodType) =>
  z.object({
    items: z.array(item),
    limit: z.number(),
    offset: z.number(),
    next: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
    asOf: z.string().nullable(),
  });

export const notFound = z.object({ statusCode: z.literal(404), error: z.string(), message: z.string() });

/** An OpenAPI 3.0 schema object for @ApiOkResponse({ schema }). */
export const openApi = (schema: z.ZodType) => {
  const json = z.toJSONSchema(schema, { target: 'openapi-3.0', unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return json as never;
};

export const actorDossier = z.object({
  actor: actor,
  asAgent: z.number(),
  asTarget: z.number(),
  counterparts: z.array(z.object({ id: z.string(), name: z.string(), country: z.string(), events: z.number(), goldsteinSum: z.number() })),
  goldsteinByMonth: z.array(z.object({ month: z.string(), events: z.number(), goldsteinAsAgent: z.number(), goldsteinAsTarget: z.number(), goldsteinTotal: z.number() })),
  events: z.array(eventView),
  asOf: z.string().nullable(),
});

export const dyad = z.object({
  actor1: z.string().describe('Agent-side country (GDELT Actor1CountryCode)'),
  actor2: z.string().describe('Target-side country (Actor2CountryCode)'),
  events: z.number(),
  goldsteinSum: z.number(),
  goldsteinAvg: z.number().nullable(),
  byQuadClass: z.record(z.string(), z.number()),
});

export const incident = z.object({
  incidentId: z.string(),
  type: z.string(),
  dateStart: z.string(),
  dateEnd: z.string(),
  agentCountries: z.array(z.string()),
  targetCountries: z.array(z.string()),
  agents: z.array(actor),
  targets: z.array(actor),
  sourceCount: z.number().describe('Articles reporting it'),
  outletCount: z.number(),
  eventCount: z.number(),
  sources: z.array(z.object({ articleId: z.string(), title: z.string(), outlet: z.string(), url: z.string(), publishedAt: z.string(), eventIds: z.array(z.string()) })),
  history: z
    .array(
      z.object({
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
      }),
    )
    .describe("Analysts' merges and splits concerning it (POST /api/incidents/merge, /api/incidents/:id/split), oldest first"),
});
