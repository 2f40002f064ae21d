import { z } from 'zod';
import { DEFAULT_MODALITIES, EVENT_TYPE_NAMES, MODALITIES } from '#domain';

// What the API accepts for a subscription. The same schema validates creation
// (everything) and updates (any subset), documents the bodies in OpenAPI, and
// types the dashboard's rule builder. Pure (zod and #domain only).

const side = z.enum(['agent', 'target', 'either'], { error: 'must be agent, target or either' });
const country = z
  .string()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^([A-Z]{3})$/, 'must be an ISO 3166-1 alpha-3 code (IRQ, USA) or IGO'));
const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be an actor id, a lower-case slug like mustafa-al-kadhimi');
const goldstein = z
  .number({ error: 'must be a number' })
  .min(-10, 'must be at least -10')
  .max(10, 'must be at most 10');

export const ruleSchema = z
  .strictObject({
    eventTypes: z
      .array(
        z.enum(EVENT_TYPE_NAMES as unknown as [string, ...string[]], {
          error: (i) => `unknown event type '${String(i.input)}'`,
        }),
      )
      .min(1)
      .max(18)
      .optional(),
    countries: z.array(country).min(1).max(50).optional(),
    countryRole: side.optional(),
    actorIds: z.array(slug).min(1).max(50).optional(),
    actorRole: side.optional(),
    goldstein: z
      .strictObject({ min: goldstein.optional(), max: goldstein.optional() })
      .refine((g) => g.min !== undefined || g.max !== undefined, 'must give min, max or both')
      .refine((g) => g.min === undefined || g.max === undefined || g.min <= g.max, 'min must not exceed max')
      .optional(),
    // Absent means asserted only (what did not happen never raises an alert unless asked); stored explicitly.
    modalities: z
      .array(z.enum(MODALITIES as [string, ...string[]], { error: (i) => `unknown modality '${String(i.input)}'` }))
      .min(1)
      .default([...DEFAULT_MODALITIES])
      .describe(
        'Default ["asserted"]: add future, hypothetical or negated to be alerted about what did not (yet) happen',
      ),
    words: z.array(z.string().trim().min(2, 'must be at least 2 characters').max(100)).min(1).max(20).optional(),
    minSources: z
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(100)
      .optional(),
  })
  .refine((r) => !r.countryRole || r.countries, { message: 'countryRole needs countries', path: ['countryRole'] })
  .refine((r) => !r.actorRole || r.actorIds, { message: 'actorRole needs actors', path: ['actorRole'] });

const secret = z
  .string()
  .regex(
    /^whsec_[A-Za-z0-9+/]{22,}={0,2}$/,
    'must be a Standard Webhooks secret: whsec_ followed by at least 16 bytes of base64',
  );
const webhookUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2_000);

export const deliverySchema = z
  .strictObject({
    queue: z.boolean({ error: 'must be true or false' }).optional(),
    webhook: z.strictObject({ url: webhookUrl, secret: secret.optional() }).nullable().optional(),
  })
  .refine((d) => d.queue === true || Boolean(d.webhook), 'must deliver somewhere: queue: true, a webhook, or both');

export const createSubscriptionSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(200),
  rule: ruleSchema,
  delivery: deliverySchema,
  /** Also deliver when an active alert changes (its source count), not only when raised or retracted. */
  notifyOnUpdate: z.boolean({ error: 'must be true or false' }).optional(),
});

export const updateSubscriptionSchema = z
  .strictObject({
    name: createSubscriptionSchema.shape.name.optional(),
    rule: ruleSchema.optional(),
    delivery: deliverySchema.optional(),
    notifyOnUpdate: createSubscriptionSchema.shape.notifyOnUpdate,
  })
  .refine((u) => Object.keys(u).length > 0, 'must change at least one field');

export type CreateSubscriptionInput = z.output<typeof createSubscriptionSchema>;
export type UpdateSubscriptionInput = z.output<typeof updateSubscriptionSchema>;
