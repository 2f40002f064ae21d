import { z } from 'zod';
import { EVENT_TYPE_NAMES, MODALITIES, SECTORS } from '#domain';

// The bodies of the corrections API: validated by the ZodValidationPipe and
// documented in OpenAPI from these same schemas.

export const reasonSchema = z
  .string()
  .trim()
  .min(3, 'must say why (3 characters at least)')
  .max(2_000)
  .describe('Why: kept with the change in the log');
/** A name as a person writes it: bounded, and no control characters (NUL and surrogates are refused for every body). */
const nameSchema = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max)
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters');
const actorSchema = z.strictObject({
  name: nameSchema(300),
  id: z
    .string()
    .max(200)
    .regex(/^[a-z0-9-]+$/, 'must be a lower-case slug'),
  country: z.string().regex(/^([A-Z]{3}|IGO)$/, 'must be ISO alpha-3 or IGO'),
  sector: z.enum(SECTORS as [string, ...string[]]),
});
/** Events are dated from 1900 to 2199: outside that a date is a typo, and year 0 cannot even be stored. */
const isoDay = z.iso
  .date()
  .refine((day) => day >= '1900-01-01' && day <= '2199-12-31', 'must lie between 1900-01-01 and 2199-12-31');
const dateSchema = z
  .strictObject({
    start: isoDay,
    end: isoDay,
    precision: z.enum(['day', 'week', 'month', 'season', 'year', 'unknown']),
    text: z.string().max(300).optional(),
  })
  .refine((date) => date.start <= date.end, { message: 'start must not be after end', path: ['end'] });

export const retractBody = z.strictObject({ reason: reasonSchema });

export const correctBody = z.strictObject({
  reason: reasonSchema,
  changes: z
    .strictObject({
      type: z.enum(EVENT_TYPE_NAMES as unknown as [string, ...string[]]).optional(),
      agent: z.array(actorSchema).max(20).optional(),
      target: z.array(actorSchema).max(20).optional(),
      date: dateSchema.optional(),
      location: z.strictObject({ name: nameSchema(300), country: z.string().regex(/^[A-Z]{3}$/) }).optional(),
      modality: z.enum(MODALITIES as [string, ...string[]]).optional(),
    })
    .refine((changes) => Object.keys(changes).length > 0, 'must change at least one field')
    .describe(
      'Any of type, agent, target, date, location, modality; CAMEO, Goldstein and PLOVER codes follow a changed type',
    ),
});

export const recodeBody = z.strictObject({ reason: reasonSchema.optional() });

export const articleCommandResultSchema = z.object({
  articleId: z.string(),
  appended: z
    .array(z.object({ eventId: z.string(), type: z.string() }))
    .describe('The events appended to the article stream (empty when nothing changed)'),
  streamVersion: z.number().int(),
});

export const RETRACT_EXAMPLES = { 'a denial': { reason: 'The ministry denied the letter was ever sent' } };
export const CORRECT_EXAMPLES = {
  'it was only threatened': {
    reason: 'The strike was threatened, not carried out',
    changes: { modality: 'hypothetical' },
  },
  'wrong date and place': {
    reason: 'The visit took place a week earlier, in Erbil',
    changes: {
      date: { start: '2021-03-29', end: '2021-03-29', precision: 'day' },
      location: { name: 'Erbil', country: 'IRQ' },
    },
  },
  'wrong target': {
    reason: 'The letter was addressed to Iran, not the US',
    changes: { target: [{ name: 'Iran', id: 'iran', country: 'IRN', sector: 'GOV' }] },
  },
};
