import { z } from 'zod';

export const DEFAULT_POLL_INTERVAL_SECONDS = 900;
export const MIN_POLL_INTERVAL_SECONDS = 60;
/** A week: anything rarer is not worth a schedule. */
export const MAX_POLL_INTERVAL_SECONDS = 7 * 24 * 3600;

/** Body of POST /api/feeds. */
export const feedRegistrationSchema = z.object({
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2_000, 'must be at most 2000 characters'),
  outlet: z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty').max(200),
  pollIntervalSeconds: z
    .number({ error: 'must be a number of seconds' })
    .int('must be a whole number of seconds')
    .min(MIN_POLL_INTERVAL_SECONDS, `must be at least ${MIN_POLL_INTERVAL_SECONDS}`)
    .max(MAX_POLL_INTERVAL_SECONDS, `must be at most ${MAX_POLL_INTERVAL_SECONDS}`)
    .default(DEFAULT_POLL_INTERVAL_SECONDS),
});

export type FeedRegistration = z.infer<typeof feedRegistrationSchema>;

export class InvalidFeedError extends Error {
  constructor(readonly problems: { field: string; message: string }[]) {
    super(`Invalid feed: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
    this.name = 'InvalidFeedError';
  }
}

/** Parses or throws an InvalidFeedError that names every wrong field. */
export function parseFeedRegistration(body: unknown): FeedRegistration {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidFeedError([{ field: '(body)', message: 'must be a JSON object' }]);
  }
  const parsed = feedRegistrationSchema.safeParse(body);
  if (!parsed.success) {
    throw new InvalidFeedError(
      parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(body)', message: issue.message })),
    );
  }
  return parsed.data;
}

export { FEED_EVENT_TYPES, feedStreamId } from '#domain';
export type { FeedRegistered, FeedRemoved, FeedStreamEvent } from '#domain';
