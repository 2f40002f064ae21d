import { type ArticlePayload, InvalidArticleError, parseArticlePayload } from '#ingest';
import type { FeedItem } from './feed-parser.js';

export interface FeedContext {
  /** The feed's own URL: relative item links resolve against it. */
  feedUrl: string;
  outlet: string;
  language?: string;
  /** publishedAt when the item has no readable date. */
  now: Date;
}

export type ItemOutcome = { kind: 'payload'; payload: ArticlePayload } | { kind: 'no-link' } | { kind: 'invalid'; message: string };

const MAX_TITLE = 1_000;
const MAX_SOURCE_ID = 200;
/** An item larger than a webhook body may be is not an article (the webhook's MAX_BODY_BYTES default). */
export const MAX_ITEM_BODY_CHARS = 1_048_576;
export const MAX_ITEM_URL_CHARS = 2_000;
/** Dates a news item can plausibly carry: from 1900 to two days ahead (time zones, embargoes). */
const EARLIEST_PUBLISHED = Date.UTC(1900, 0, 1);
const LATEST_AHEAD_MS = 2 * 24 * 3_600_000;

/**
 * A feed item → the same payload the webhook accepts, validated by the same
 * schema. No link: nothing to deduplicate on or point a reader to, so it is
 * skipped. No title: the start of the body stands in. No body: the title does
 * (headlines alone still carry events), so only an item with neither is invalid.
 */
export function itemToPayload(item: FeedItem, context: FeedContext): ItemOutcome {
  if (!item.link) return { kind: 'no-link' };
  let url: string;
  try {
    url = new URL(item.link, context.feedUrl).toString();
  } catch {
    return { kind: 'invalid', message: `url: link is not a URL: ${item.link.slice(0, 200)}` };
  }
  // A first line of defence; the payload schema below is the webhook's own and names the rest.
  if (!/^https?:$/.test(new URL(url).protocol)) return { kind: 'invalid', message: `url: link is not an http(s) URL: ${url.slice(0, 200)}` };
  if (url.length > MAX_ITEM_URL_CHARS) return { kind: 'invalid', message: `url: link is ${url.length} characters, more than ${MAX_ITEM_URL_CHARS}` };
  if ((item.body?.length ?? 0) > MAX_ITEM_BODY_CHARS) return { kind: 'invalid', message: `body: is ${item.body!.length} characters, more than ${MAX_ITEM_BODY_CHARS}` };
  if (item.publishedAt !== undefined) {
    const at = Date.parse(item.publishedAt);
    if (!(at >= EARLIEST_PUBLISHED && at <= context.now.getTime() + LATEST_AHEAD_MS)) {
      return { kind: 'invalid', message: `publishedAt: ${item.publishedAt.slice(0, 40)} is not a plausible publication date (1900 to two days ahead)` };
    }
  }
  const title = item.title ? stripTags(item.title) : item.body ? headline(stripTags(item.body)) : '';
  const body = item.body ?? item.title ?? '';
  if (title.length === 0 || body.trim().length === 0) return { kind: 'invalid', message: 'item has neither a title nor a body' };

  const language = context.language && /^[a-z]{2,3}(-[a-z0-9]+)?$/.test(context.language) ? context.language : undefined;
  const candidate = {
    url,
    title: title.slice(0, MAX_TITLE),
    publishedAt: item.publishedAt ?? context.now.toISOString(),
    body,
    outlet: context.outlet,
    ...(item.guid && item.guid.length <= MAX_SOURCE_ID && { sourceId: item.guid }),
    ...(language && { language }),
  };
  try {
    return { kind: 'payload', payload: parseArticlePayload(candidate) };
  } catch (error) {
    if (error instanceof InvalidArticleError) return { kind: 'invalid', message: error.message };
    throw error;
  }
}

/** Titles may carry inline markup (<b>, entities already decoded by the parser); a title is plain text. */
function stripTags(html: string): string {
  return html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The first sentence, or the first words up to ~120 characters. */
function headline(text: string): string {
  const sentence = /^(.{20,200}?[.!?])(\s|$)/.exec(text)?.[1];
  if (sentence) return sentence;
  if (text.length <= 120) return text;
  const cut = text.slice(0, 120);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 60))}…`;
}
