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
    return { kind: 'invalid', message: `link is not a URL: ${item.link.slice(0, 200)}` };
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
