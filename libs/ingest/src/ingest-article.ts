import { createHash } from 'node:crypto';
import {
  type ArticleReceived,
  type ArticleStreamEvent,
  articleStreamId,
  decideArticle,
  initialArticleState,
} from '#domain';
import type { Db } from '#db';
import { ConcurrencyError, type EventStore, type NewEvent, deterministicEventId } from '#event-store';
import { type ArticlePayload, InvalidArticleError, normaliseUrl } from './article-payload.js';
import type { BodyText } from './body-text-runner.js';
import { bodyToText } from './html-to-text.js';

export type IngestVia = ArticleReceived['via'];

/** Below this many characters the same text under another URL is not taken as the same article. */
export const MIN_TEXT_FOR_DEDUP = 280;

export interface IngestResult {
  articleId: string;
  /** True when this webhook-id, URL or text was already stored: nothing new was written. */
  duplicate: boolean;
}

/** A delivery checked and turned into what is stored: its id, its dedup keys and its ArticleReceived. */
export interface PreparedArticle {
  articleId: string;
  keys: string[];
  article: ArticleReceived;
  correlationId: string;
  actor: string;
}

/**
 * A webhook-id already used for another article. Senders retry a delivery with the same id and the same body;
 * the same id with a different body is a sender bug that would otherwise drop the new article without a word.
 */
export class WebhookIdReusedError extends Error {
  constructor(
    readonly webhookId: string,
    readonly articleId: string,
  ) {
    super(
      `webhook-id ${webhookId} was already used for a different article (${articleId}); send a new article under a new webhook-id`,
    );
    this.name = 'WebhookIdReusedError';
  }
}

/** Text with no letter or digit in it (markup, scripts, punctuation, spaces) is no article. */
const HAS_WORDS = /[\p{L}\p{N}]/u;

/**
 * Validates and cleans a payload (HTML to text), names its keys. Throws InvalidArticleError; touches nothing.
 * `converted`: the body's text when it was already made off the event loop (BodyTextRunner).
 */
export function prepareArticle(
  payload: ArticlePayload,
  via: IngestVia,
  correlationId: string,
  converted?: BodyText,
): PreparedArticle {
  const { text, format } = converted ?? bodyToText(payload.body);
  if (!HAS_WORDS.test(text)) {
    const message =
      format === 'html'
        ? 'has no text once markup, scripts and page furniture are removed'
        : 'has no text (no letter or digit)';
    throw new InvalidArticleError([{ field: 'body', message }]);
  }

  const url = normaliseUrl(payload.url);
  const contentHash = createHash('sha256').update(text).digest('hex');
  const articleId = deterministicEventId('article', url);
  const keys = [
    `url:${url}`,
    // Short texts (a feed's "Read more…" teaser) are too alike to prove two items are one story.
    ...(text.length >= MIN_TEXT_FOR_DEDUP ? [`text:${contentHash}`] : []),
    ...(via.kind === 'webhook' ? [`webhook:${via.webhookId}`] : []),
  ];
  const article: ArticleReceived = {
    articleId,
    url: payload.url,
    title: payload.title,
    outlet: payload.outlet,
    publishedAt: payload.publishedAt,
    text,
    contentHash,
    bodyFormat: format,
    ...(payload.sourceId && { sourceId: payload.sourceId }),
    ...(payload.language && { language: payload.language }),
    via,
  };
  return { articleId, keys, article, correlationId, actor: actorOf(via) };
}

/** The events that store a prepared article in its new stream. */
export function receivedEvents(prepared: PreparedArticle): NewEvent[] {
  const events = decideArticle({ type: 'ReceiveArticle', article: prepared.article }, initialArticleState());
  return events.map((event) => ({
    ...event,
    eventId: deterministicEventId(prepared.articleId, 'received'),
    metadata: { correlationId: prepared.correlationId, actor: prepared.actor },
  }));
}

/** Validates, cleans and stores one delivery (see storeArticle). */
export async function ingestArticle(
  db: Db,
  store: EventStore,
  payload: ArticlePayload,
  via: IngestVia,
  correlationId: string,
): Promise<IngestResult> {
  return storeArticle(db, store, prepareArticle(payload, via, correlationId));
}

/**
 * Stores an article durably as ArticleReceived in its own stream. One
 * transaction reserves its keys (webhook-id, URL, text hash) and appends the
 * event, so a retried or repeated delivery finds the keys and gets the same
 * article id back, and nothing is ever half-written.
 */
export async function storeArticle(db: Db, store: EventStore, prepared: PreparedArticle): Promise<IngestResult> {
  const { articleId, keys } = prepared;
  try {
    return await store.transaction(async (trx) => {
      // Reserve every key; one already taken means a duplicate (looked up after the rollback below).
      // A concurrent delivery of the same article waits here on the unique key, then inserts nothing.
      const inserted = await trx
        .insertInto('article_keys')
        .values(keys.map((key) => ({ key, article_id: articleId })))
        .onConflict((oc) => oc.column('key').doNothing())
        .returning('key')
        .execute();
      if (inserted.length < keys.length) throw new DuplicateRace();
      await store.append(articleStreamId(articleId), receivedEvents(prepared), { expectedVersion: 0, trx });
      return { articleId, duplicate: false };
    });
  } catch (error) {
    if (error instanceof DuplicateRace || error instanceof ConcurrencyError) {
      const duplicate = await findDuplicate(db, store, prepared);
      if (duplicate) return duplicate;
    }
    throw error;
  }
}

/**
 * Which stored article this delivery repeats. A webhook-id already taken must have brought the same article
 * (same URL, text, title, date, outlet, source id and language) — else WebhookIdReusedError. A URL or text
 * already stored under another webhook-id is the same story sent again: a duplicate.
 */
export async function findDuplicate(
  db: Db,
  store: EventStore,
  prepared: PreparedArticle,
): Promise<IngestResult | undefined> {
  const rows = await db
    .selectFrom('article_keys')
    .select(['key', 'article_id'])
    .where('key', 'in', prepared.keys)
    .execute();
  const via = prepared.article.via;
  const byWebhookId = via.kind === 'webhook' ? rows.find((row) => row.key === `webhook:${via.webhookId}`) : undefined;
  if (byWebhookId && via.kind === 'webhook') {
    const stream = await store.readStream<ArticleStreamEvent>(articleStreamId(byWebhookId.article_id));
    const received = stream.find((e) => e.type === 'ArticleReceived');
    if (!received || !sameArticle(received.data, prepared.article))
      throw new WebhookIdReusedError(via.webhookId, byWebhookId.article_id);
    return { articleId: byWebhookId.article_id, duplicate: true };
  }
  return rows[0] ? { articleId: rows[0].article_id, duplicate: true } : undefined;
}

function sameArticle(stored: ArticleReceived, incoming: ArticleReceived): boolean {
  const fields = ['articleId', 'contentHash', 'title', 'publishedAt', 'outlet', 'sourceId', 'language'] as const;
  return fields.every((field) => stored[field] === incoming[field]);
}

class DuplicateRace extends Error {}

function actorOf(via: IngestVia): string {
  return via.kind === 'webhook' ? `webhook:${via.webhookId}` : `feed:${via.feedId}`;
}
