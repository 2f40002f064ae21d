import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { AlertRule } from '../rules/alert-rule.js';
import type { ruleSchema } from './subscription.schema.js';

// Parsing a subscription body outside HTTP (the demo, tests); the schemas are in subscription.schema.ts.

export * from './subscription.schema.js';

export class InvalidSubscriptionError extends Error {
  constructor(readonly fields: { field: string; message: string }[]) {
    super(fields.map((f) => `${f.field}: ${f.message}`).join('; '));
  }
}

/** Parses or throws InvalidSubscriptionError with one entry per bad field (dotted path). */
export function parseSubscriptionInput<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const fields: { field: string; message: string }[] = [];
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const prefix = issue.path.length ? `${issue.path.join('.')}.` : '';
      for (const key of issue.keys)
        fields.push({ field: `${prefix}${key}`, message: 'is not a field of a subscription' });
    } else {
      fields.push({ field: issue.path.join('.') || '(body)', message: issue.message });
    }
  }
  throw new InvalidSubscriptionError(fields);
}

/** A fresh Standard Webhooks secret: 24 random bytes. Shown once, when the subscription is created. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

export const asRule = (rule: z.output<typeof ruleSchema>): AlertRule => rule as AlertRule;
