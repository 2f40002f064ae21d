import { BadRequestException } from '@nestjs/common';
import { z } from 'zod';
import { ARTICLE_STATUSES, EVENT_TYPE_NAMES, MODALITIES } from '#domain';
import { type EventFilters, type PageRequest, decodeCursor } from '#read-models';

// Query parameters of the read API, validated with zod. A bad request answers 400
// with one entry per bad parameter, so a client sees every mistake at once, and
// an unknown parameter (a typo like `contry`) is an error rather than a silently
// ignored filter.

/** Fastify gives a repeated parameter as an array: `type=A&type=B` means `type=A,B`. */
const joined = (value: unknown) => (Array.isArray(value) ? value.join(',') : value);
const single = (value: unknown) => (Array.isArray(value) ? value[value.length - 1] : value);

const list = <T extends string>(values: readonly T[], what: string) =>
  z.preprocess(
    joined,
    z
      .string()
      .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
      .pipe(z.array(z.enum(values as [T, ...T[]], { error: (issue) => `unknown ${what} '${String(issue.input)}'` }))),
  );

const isoTime = z.preprocess(
  single,
  z
    .string()
    .refine((s) => /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 date or date-time, e.g. 2021-04-07T12:00:00Z')
    .transform((s) => new Date(s)),
);
const day = z.preprocess(single, z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date YYYY-MM-DD', abort: true }).refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().slice(0, 10) === s, 'must be a real date'));
const country = z.preprocess(
  single,
  z
    .string()
    .transform((s) => s.toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code (IRQ, USA) or IGO')),
);
const slug = z.preprocess(single, z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be an actor id, a lower-case slug like mustafa-al-kadhimi'));
const text = z.preprocess(single, z.string().min(1).max(200));

export const pageParams = {
  limit: z.preprocess(single, z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(500, 'must be at most 500'))
    .default(50)
    .describe('Page size (1-500, default 50).'),
  offset: z.preprocess(single, z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must be 0 or more'))
    .optional()
    .describe('Rows to skip. Prefer `cursor`, which also pins the time so pages stay consistent.'),
  cursor: z.preprocess(single, z.string().refine((s) => decodeCursor(s) !== undefined, 'is not a cursor this API gave'))
    .optional()
    .describe('The `next` value of the previous page.'),
  asOf: isoTime.optional().describe('Answer with what had been recorded before this time (ISO 8601). Default: now.'),
};

export const eventFilterParams = {
  type: list(EVENT_TYPE_NAMES, 'event type').optional().describe(`Event types, comma-separated: ${EVENT_TYPE_NAMES.join(', ')}.`),
  country: country.optional().describe('ISO alpha-3 country (or IGO) on either side, agent or target.'),
  agentCountry: country.optional().describe('ISO alpha-3 country (or IGO) of an agent.'),
  targetCountry: country.optional().describe('ISO alpha-3 country (or IGO) of a target.'),
  actor: slug.optional().describe('Actor id (slug) on either side.'),
  from: day.optional().describe('Events whose date interval ends on or after this day (YYYY-MM-DD).'),
  to: day.optional().describe('Events whose date interval starts on or before this day (YYYY-MM-DD).'),
  modality: list(MODALITIES, 'modality').optional().describe(`Modalities, comma-separated: ${MODALITIES.join(', ')}.`),
  status: z.preprocess(single, z.enum(['active', 'retracted', 'all'], { error: "must be one of active, retracted, all" })).optional().describe('active (default), retracted or all.'),
};

export const articleListParams = z.strictObject({
  ...pageParams,
  status: z
    .preprocess(single, z.enum(ARTICLE_STATUSES, { error: `must be one of ${ARTICLE_STATUSES.join(', ')}` }))
    .optional()
    .describe(
      'Coding status: received (not coded yet), coded, unsupported-language (in a language the coder does not read: ' +
        'no events were looked for), failed.',
    ),
  outlet: text.optional().describe('Exact outlet name.'),
  q: text.optional().describe('Words in the title (case-insensitive).'),
});
export const asOfOnlyParams = z.strictObject({ asOf: pageParams.asOf });
export const eventListParams = z.strictObject({ ...pageParams, ...eventFilterParams });
export const timelineParams = z.strictObject({
  ...pageParams,
  ...eventFilterParams,
  order: z.preprocess(single, z.enum(['asc', 'desc'], { error: 'must be asc or desc' })).optional().describe('Occurrence order: asc (default) or desc.'),
});
export const actorParams = z.strictObject({
  asOf: pageParams.asOf,
  from: eventFilterParams.from,
  to: eventFilterParams.to,
  type: eventFilterParams.type,
  modality: eventFilterParams.modality,
  limit: z.preprocess(single, z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(500, 'must be at most 500'))
    .default(50)
    .describe('How many of the actor\'s latest events to list (1-500, default 50).'),
});
export const dyadParams = z.strictObject({
  ...pageParams,
  ...eventFilterParams,
  directed: z.preprocess(single, z.enum(['true', 'false'], { error: 'must be true or false' })).optional().describe('Keep agent→target direction for symmetric types too (default false: symmetric pairs are merged).'),
});
export const incidentParams = z.strictObject({
  ...pageParams,
  type: eventFilterParams.type,
  country: eventFilterParams.country,
  from: eventFilterParams.from,
  to: eventFilterParams.to,
  minSources: z.preprocess(single, z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1')).optional().describe('Only incidents reported by at least this many articles.'),
});
export const exportParams = z.strictObject({ asOf: pageParams.asOf, ...eventFilterParams });

/** Parses or answers 400 naming every bad parameter. */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  const parsed = schema.safeParse(query ?? {});
  if (parsed.success) return parsed.data;
  // Same shape as the corrections API's 400s (`fields`), with query parameter names.
  const fields: { field: string; message: string }[] = [];
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields.push({ field: key, message: 'is not a parameter of this endpoint' });
    } else {
      fields.push({ field: String(issue.path[0] ?? '(query)'), message: issue.message });
    }
  }
  // One entry per parameter: a list with two bad items says both in one message.
  const merged = new Map<string, string[]>();
  for (const f of fields) merged.set(f.field, [...new Set([...(merged.get(f.field) ?? []), f.message])]);
  const unique = [...merged].map(([field, messages]) => ({ field, message: messages.join(', ') }));
  throw new BadRequestException({
    statusCode: 400,
    error: 'invalid-request',
    message: unique.map((f) => `${f.field}: ${f.message}`).join('; '),
    fields: unique,
  });
}

/** limit/offset/cursor/asOf → a page request; the cursor carries its own offset and time. */
export function pageOf(params: { limit: number; offset?: number; cursor?: string; asOf?: Date }): PageRequest {
  const cursor = params.cursor ? decodeCursor(params.cursor) : undefined;
  if (cursor) return { limit: params.limit, offset: cursor.offset, asOf: cursor.asOf };
  return { limit: params.limit, offset: params.offset ?? 0, ...(params.asOf && { asOf: params.asOf }) };
}

export function filtersOf(params: Partial<Record<keyof typeof eventFilterParams, unknown>> & { asOf?: Date }): EventFilters {
  const p = params as {
    type?: string[]; country?: string; agentCountry?: string; targetCountry?: string; actor?: string;
    from?: string; to?: string; modality?: string[]; status?: EventFilters['status']; asOf?: Date;
  };
  return {
    ...(p.type && { types: p.type }),
    ...(p.country && { country: p.country }),
    ...(p.agentCountry && { agentCountry: p.agentCountry }),
    ...(p.targetCountry && { targetCountry: p.targetCountry }),
    ...(p.actor && { actor: p.actor }),
    ...(p.from && { from: p.from }),
    ...(p.to && { to: p.to }),
    ...(p.modality && { modality: p.modality }),
    ...(p.status && { status: p.status }),
    ...(p.asOf && { asOf: p.asOf }),
  };
}
