import { z } from 'zod';

/** The webhook body (and what a feed item is turned into). */
export const articlePayloadSchema = z.object({
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  title: z.string().trim().min(1, 'must not be empty').max(1_000),
  publishedAt: z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'must be an ISO date (YYYY-MM-DD) or date-time' }),
  body: z.string().min(1, 'must not be empty'),
  outlet: z.string().trim().min(1, 'must not be empty').max(200),
  sourceId: z.string().trim().min(1).max(200).optional(),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)?$/, 'must be a language tag such as "en"').optional(),
});

export type ArticlePayload = z.infer<typeof articlePayloadSchema>;

export class InvalidArticleError extends Error {
  constructor(readonly problems: { field: string; message: string }[]) {
    super(`Invalid article: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
    this.name = 'InvalidArticleError';
  }
}

/** Parses or throws an InvalidArticleError that names every wrong field. */
export function parseArticlePayload(body: unknown): ArticlePayload {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidArticleError([{ field: '(body)', message: 'must be a JSON object' }]);
  }
  const parsed = articlePayloadSchema.safeParse(body);
  if (!parsed.success) {
    throw new InvalidArticleError(parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(body)', message: issue.message })));
  }
  return parsed.data;
}

/** The same page under cosmetic URL differences (fragment, tracking parameters, case of host, trailing slash) is one article. */
export function normaliseUrl(raw: string): string {
  const url = new URL(raw);
  url.hash = '';
  url.hostname = url.hostname.toLowerCase();
  for (const key of [...url.searchParams.keys()]) {
    if (/^(utm_|fbclid$|gclid$|mc_)/i.test(key)) url.searchParams.delete(key);
  }
  url.searchParams.sort();
  if (url.pathname.length > 1 && url.pathname.endsWith('/')) url.pathname = url.pathname.slice(0, -1);
  return url.toString();
}
