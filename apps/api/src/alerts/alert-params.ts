import { z } from 'zod';
import { pageParams } from '../read-api/query-params.js';

const single = (value: unknown) => (Array.isArray(value) ? value[value.length - 1] : value);

export const alertListParams = z.strictObject({
  ...pageParams,
  subscriptionId: z
    .preprocess(single, z.uuid('must be a subscription id (UUID)'))
    .optional()
    .describe("Only this subscription's alerts."),
  status: z
    .preprocess(single, z.enum(['active', 'retracted'], { error: 'must be active or retracted' }))
    .optional()
    .describe('active or retracted.'),
  from: pageParams.asOf.describe('Alerts first raised at or after this time (ISO 8601).'),
  to: pageParams.asOf.describe('Alerts first raised before this time (ISO 8601).'),
});

export const alertParams = z.strictObject({ asOf: pageParams.asOf });

export const subscriptionListParams = z.strictObject({
  limit: pageParams.limit,
  offset: pageParams.offset,
  includeDeleted: z
    .preprocess(single, z.enum(['true', 'false'], { error: 'must be true or false' }))
    .optional()
    .describe('List deleted subscriptions too.'),
});

export const replayBody = z.strictObject({
  revision: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .optional()
    .describe('Only this revision (default: every open dead letter)'),
});
