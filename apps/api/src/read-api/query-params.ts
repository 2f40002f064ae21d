import { z } from 'zod';
import { ARTICLE_STATUSES, EVENT_TYPE_NAMES, MODALITIES, type Modality } from '#domain';
import {
  type EventFilters,
  HISTOGRAM_INTERVALS,
  MAX_OFFSET,
  type ModalityFilter,
  type PageRequest,
  decodeCursor,
} from '#read-models';

// Query parameters of the read API, validated with zod (the ZodValidationPipe
// answers 400 with one entry per bad parameter, so a client sees every mistake
// at once; an unknown parameter such as `contry` is an error rather than a
// silently ignored filter). Every value is bounded: a date PostgreSQL would
// refuse, a forged cursor or a NUL is a 400 naming the parameter, never a 500.

/** Fastify gives a repeated parameter as an array: `type=A&type=B` means `type=A,B`. */
const joined = (value: unknown) => (Array.isArray(value) ? value.join(',') : value);
const single = (value: unknown) => (Array.isArray(value) ? value[value.length - 1] : value);

const list = <T extends string>(values: readonly T[], what: string) =>
  z.preprocess(
    joined,
    z
      .string()
      .max(2_000)
      .transform((s) =>
        s
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z.enum(values as [T, ...T[]], { error: (issue) => `unknown ${what} '${String(issue.input).slice(0, 50)}'` }),
        ),
      ),
  );

/** Years PostgreSQL stores and people mean; year 0 or 99999 is a typo or an attack. */
const MIN_YEAR = 1000;
const MAX_YEAR = 9999;
const inRange = (d: Date) => d.getUTCFullYear() >= MIN_YEAR && d.getUTCFullYear() <= MAX_YEAR;

const isoTime = z.preprocess(
  single,
  z
    .string()
    .max(40)
    .refine((s) => /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), {
      error: 'must be an ISO 8601 date or date-time, e.g. 2021-04-07T12:00:00Z',
      abort: true,
    })
    .refine((s) => inRange(new Date(s)), `must be between the years ${MIN_YEAR} and ${MAX_YEAR}`)
    .transform((s) => new Date(s)),
);
const day = z.preprocess(
  single,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date YYYY-MM-DD', abort: true })
    .refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().slice(0, 10) === s, {
      error: 'must be a real date',
      abort: true,
    })
    .refine((s) => inRange(new Date(s)), `must be between ${MIN_YEAR}-01-01 and ${MAX_YEAR}-12-31`),
);
const country = z.preprocess(
  single,
  z
    .string()
    .max(3, 'must be an ISO 3166-1 alpha-3 code (IRQ, USA) or IGO')
    .transform((s) => s.toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code (IRQ, USA) or IGO')),
);
const slug = z.preprocess(
  single,
  z
    .string()
    .max(200)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be an actor id, a lower-case slug like mustafa-al-kadhimi'),
);
const CONTROL_OR_LONE_SURROGATE =
  /[\u0000-\u001f\u007f]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Free text: bounded, and no control characters (a NUL would reach PostgreSQL as an error). */
const text = z.preprocess(
  single,
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(200, 'must be at most 200 characters')
    .refine((s) => !CONTROL_OR_LONE_SURROGATE.test(s), 'must not contain control characters or broken unicode'),
);
const count = (max: number, what: string) =>
  z.preprocess(
    single,
    z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(max, `must be at most ${max}`)
      .describe(what),
  );

export const pageParams = {
  limit: count(500, 'Page size (1-500, default 50).').default(50).describe('Page size (1-500, default 50).'),
  offset: z
    .preprocess(
      single,
      z.coerce
        .number({ error: 'must be a number' })
        .int('must be a whole number')
        .min(0, 'must be 0 or more')
        .max(MAX_OFFSET, `must be at most ${MAX_OFFSET}`),
    )
    .optional()
    .describe('Rows to skip. Prefer `cursor`, which also pins the time so pages stay consistent.'),
  cursor: z
    .preprocess(
      single,
      z
        .string()
        .max(200)
        .refine((s) => decodeCursor(s) !== undefined, 'is not a cursor this API gave'),
    )
    .optional()
    .describe('The `next`, `prev` or `last` value of a page.'),
  asOf: isoTime.optional().describe('Answer with what had been recorded before this time (ISO 8601). Default: now.'),
};

/** `modality=all`, or a list; absent: asserted only. */
export const modalityParam = z
  .preprocess(joined, z.string().max(200))
  .transform((s, ctx): ModalityFilter => {
    const values = s
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
    if (values.length === 1 && values[0] === 'all') return 'all';
    const unknown = values.filter((v) => !(MODALITIES as readonly string[]).includes(v));
    for (const v of unknown)
      ctx.addIssue({
        code: 'custom',
        message: `unknown modality '${v.slice(0, 50)}' (use ${MODALITIES.join(', ')} or all)`,
      });
    return values as Modality[];
  })
  .optional()
  .describe(
    `Modalities, comma-separated (${MODALITIES.join(', ')}), or all. Default: asserted only — what did not happen is shown only when asked for.`,
  );

export const eventFilterParams = {
  type: list(EVENT_TYPE_NAMES, 'event type')
    .optional()
    .describe(`Event types, comma-separated: ${EVENT_TYPE_NAMES.join(', ')}.`),
  country: country.optional().describe('ISO alpha-3 country (or IGO) on either side, agent or target.'),
  agentCountry: country.optional().describe('ISO alpha-3 country (or IGO) of an agent.'),
  targetCountry: country.optional().describe('ISO alpha-3 country (or IGO) of a target.'),
  actor: slug.optional().describe('Actor id (slug) on either side.'),
  from: day.optional().describe('Events whose date interval ends on or after this day (YYYY-MM-DD).'),
  to: day.optional().describe('Events whose date interval starts on or before this day (YYYY-MM-DD).'),
  modality: modalityParam,
  status: z
    .preprocess(single, z.enum(['active', 'retracted', 'all'], { error: 'must be one of active, retracted, all' }))
    .optional()
    .describe('active (default), retracted or all.'),
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
  q: text
    .optional()
    .describe(
      'Words in the title or the text (full-text search: stemmed, "quoted phrases", -excluded words); best match first.',
    ),
});
export const asOfOnlyParams = z.strictObject({ asOf: pageParams.asOf });
export const articleParams = z.strictObject({ asOf: pageParams.asOf, modality: modalityParam });
export const eventListParams = z.strictObject({ ...pageParams, ...eventFilterParams });
export const timelineParams = z.strictObject({
  ...pageParams,
  ...eventFilterParams,
  order: z
    .preprocess(single, z.enum(['asc', 'desc'], { error: 'must be asc or desc' }))
    .optional()
    .describe('Occurrence order: asc (default) or desc.'),
});
export const histogramParams = z.strictObject({
  asOf: pageParams.asOf,
  ...eventFilterParams,
  interval: z
    .preprocess(single, z.enum(HISTOGRAM_INTERVALS, { error: `must be one of ${HISTOGRAM_INTERVALS.join(', ')}` }))
    .optional()
    .describe('Bucket size; default chosen from the span of the events.'),
});
export const mapParams = z.strictObject({ asOf: pageParams.asOf, ...eventFilterParams });
export const actorParams = z.strictObject({
  asOf: pageParams.asOf,
  from: eventFilterParams.from,
  to: eventFilterParams.to,
  type: eventFilterParams.type,
  modality: modalityParam,
  limit: count(500, "How many of the actor's latest events to list (1-500, default 50).").default(50),
});
export const actorSearchParams = z.strictObject({
  ...pageParams,
  q: text.describe("Name, id or one of the dictionary's aliases (Kadhimi, Iranian, the Iraqi prime minister)."),
  modality: modalityParam,
});
export const dyadParams = z.strictObject({
  ...pageParams,
  ...eventFilterParams,
  directed: z
    .preprocess(single, z.enum(['true', 'false'], { error: 'must be true or false' }))
    .optional()
    .describe('Keep agent→target direction for symmetric types too (default false: symmetric pairs are merged).'),
});
export const incidentParams = z.strictObject({
  ...pageParams,
  type: eventFilterParams.type,
  country: eventFilterParams.country,
  from: eventFilterParams.from,
  to: eventFilterParams.to,
  modality: modalityParam,
  minSources: count(10_000, 'Only incidents reported by at least this many articles.').optional(),
});
export const exportParams = z.strictObject({
  asOf: pageParams.asOf,
  ...eventFilterParams,
  codes: z
    .preprocess(single, z.enum(['asserted', 'all'], { error: 'must be asserted or all' }))
    .optional()
    .describe(
      'CSV only: which events carry EventCode, QuadClass and GoldsteinScale. asserted (default): an event that did not happen has none.',
    ),
});

/** limit/offset/cursor/asOf → a page request; the cursor carries its own offset and time. */
export function pageOf(params: { limit: number; offset?: number; cursor?: string; asOf?: Date }): PageRequest {
  const cursor = params.cursor ? decodeCursor(params.cursor) : undefined;
  if (cursor) return { limit: params.limit, offset: cursor.offset, asOf: cursor.asOf };
  return { limit: params.limit, offset: params.offset ?? 0, ...(params.asOf && { asOf: params.asOf }) };
}

type FilterParams = Partial<z.output<z.ZodObject<typeof eventFilterParams>>> & { asOf?: Date };

export function filtersOf(p: FilterParams): EventFilters {
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
