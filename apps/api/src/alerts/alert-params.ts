import { z } from 'zod';
import { pageParams } from '../read-api/query-params.js';

const single = (value: unknown) => (Array.isArray(value) ? value[value.length - 1] : value);
const isoTime = (what: string) =>
  z.preprocess(
    single,
    z
      .string()
      .refine((s) => /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 date or date-time, e.g. 2021-04-07T12:00:00Z')
      .transform((s) => new Date(s)),
  ).describe(what);

export const alertListParams = z.strictObject({
  ...pageParams,
  subscriptionId: z.preprocess(single, z.uuid('must be a subscription id (UUID)')).optional().describe('Only this subscription\'s alerts.'),
  status: z.preprocess(single, z.enum(['active', 'retracted'], { error: 'must be active or retracted' })).optional().describe('active or retracted.'),
  from: isoTime('Alerts first raised at or after this time (ISO 8601).').optional(),
  to: isoTime('Alerts first raised before this time (ISO 8601).').optional(),
});

export const alertParams = z.strictObject({ asOf: pageParams.asOf });

export const replayBody = z.strictObject({
  revision: z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').optional(),
});
