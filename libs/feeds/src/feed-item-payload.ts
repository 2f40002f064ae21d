import {
  type ArticlePayload,
  FIELD_LIMITS,
  type FieldProblem,
  InvalidArticleError,
  parseArticlePayload,
  textFieldProblem,
} from '#ingest';
import type { FeedItem } from './feed-parser.js';

export interface FeedContext {
  /** The feed's own URL: relative item links resolve against it. */
  feedUrl: string;
  outlet: string;
  language?: string;
  /** publishedAt when the item has no readable date; also the "now" the latest plausible date counts from. */
  now: Date;
}

/** `invalid`: the item breaks a bound the webhook would answer 400 for; `problems` names each field (to record it). */
export type ItemOutcome =
  | { kind: 'payload'; payload: ArticlePayload }
  | { kind: 'no-link' }
  | { kind: 'invalid'; message: string; problems: FieldProblem[] };

const MAX_TITLE = FIELD_LIMITS.titleLength;

/**
 * A feed item → the same payload the webhook accepts, validated by the same
 * schema and bounds (parseArticlePayload: dates 1900-01-01 .. now + 2 days,
 * http(s) URLs without credentials, no NUL or control characters). No link:
 * nothing to deduplicate on or point a reader to, so it is skipped. No title:
 * the start of the body stands in. No body: the title does (headlines alone
 * still carry events), so only an item with neither is invalid. A guid that is
 * no fit source id (too long, control characters) is left out, not fatal.
 */
export function itemToPayload(item: FeedItem, context: FeedContext): ItemOutcome {
  if (!item.link) return { kind: 'no-link' };
  let url: string;
  try {
    url = new URL(item.link, context.feedUrl).toString();
  } catch {
    const message = `is not a URL: ${item.link.slice(0, 200)}`;
    return { kind: 'invalid', message: `url: ${message}`, problems: [{ field: 'url', message }] };
  }
  const title = item.title ? stripTags(item.title) : item.body ? headline(stripTags(item.body)) : '';
  const body = item.body ?? item.title ?? '';
  if (title.length === 0 || body.trim().length === 0) {
    return {
      kind: 'invalid',
      message: 'item has neither a title nor a body',
      problems: [{ field: 'body', message: 'item has neither a title nor a body' }],
    };
  }

  const guid = item.guid?.trim();
  const sourceId = guid && !textFieldProblem(guid, FIELD_LIMITS.sourceIdLength) ? guid : undefined;
  const language =
    context.language && /^[a-z]{2,3}(-[a-z0-9]+)?$/.test(context.language) ? context.language : undefined;
  const candidate = {
    url,
    title: title.slice(0, MAX_TITLE),
    publishedAt: item.publishedAt ?? context.now.toISOString(),
    body,
    outlet: context.outlet,
    ...(sourceId && { sourceId }),
    ...(language && { language }),
  };
  try {
    return { kind: 'payload', payload: parseArticlePayload(candidate, { now: context.now }) };
  } catch (error) {
    if (error instanceof InvalidArticleError)
      return { kind: 'invalid', message: error.message, problems: error.problems };
    throw error;
  }
}

/** Titles may carry inline markup (<b>, entities already decoded by the parser); a title is plain text. */
function stripTags(html: string): string {
  // [^<>]: a scan stops at the next '<', so a title full of unclosed '<' stays linear.
  return html
    .replace(/<[^<>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first sentence, or the first words up to ~120 characters. */
function headline(text: string): string {
  const sentence = /^(.{20,200}?[.!?])(\s|$)/.exec(text)?.[1];
  if (sentence) return sentence;
  if (text.length <= 120) return text;
  const cut = text.slice(0, 120);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 60))}…`;
}
