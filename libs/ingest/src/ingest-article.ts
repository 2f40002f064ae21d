import { createHash } from 'node:crypto';
import { type ArticleReceived, articleStreamId, decideArticle, initialArticleState } from '#domain';
import type { Db } from '#db';
import { ConcurrencyError, type EventStore, type NewEvent, deterministicEventId } from '#event-store';
import { type ArticlePayload, InvalidArticleError, normaliseUrl } from './article-payload.js';
import { cleanPlainText, htmlToText, looksLikeHtml } from './html-to-text.js';

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

/** Validates and cleans a payload (HTML to text), names its keys. Throws InvalidArticleError; touches nothing. */
export function prepareArticle(payload: ArticlePayload, via: IngestVia, correlationId: string): PreparedArticle {
  const html = looksLikeHtml(payload.body);
  const text = html ? htmlToText(payload.body) : cleanPlainText(payload.body);
  if (text.trim().length === 0) throw new InvalidArticleError([{ field: 'body', message: 'has no text once markup is removed' }]);

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
    bodyFormat: html ? 'html' : 'text',
    ...(payload.sourceId && { sourceId: payload.sourceId }),
    ...(payload.language && { language: payload.language }),
    via,
  };
  return { articleId, keys, article, correlationId, actor: actorOf(via) };
}

/** The events that store a prepared article in its new stream. */
export function receivedEvents(prepared: PreparedArticle): NewEvent[] {
  const events = decideArticle({ type: 'ReceiveArticle', article: prepared.article }, initialArticleState());
  return events.map((event) => ({ ...event, eventId: deterministicEventId(prepared.articleId, 'received'), metadata: { correlationId: prepared.correlationId, actor: prepared.actor } }));
}

/** Validates, cleans and stores one delivery (see storeArticle). */
export async function ingestArticle(db: Db, store: EventStore, payload: ArticlePayload, via: IngestVia, correlationId: string): Promise<IngestResult> {
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
      const winner = await db.selectFrom('article_keys').select('article_id').where('key', 'in', keys).executeTakeFirst();
      if (winner) return { articleId: winner.article_id, duplicate: true };
    }
    throw error;
  }
}

class DuplicateRace extends Error {}

function actorOf(via: IngestVia): string {
  return via.kind === 'webhook' ? `webhook:${via.webhookId}` : `feed:${via.feedId}`;
}
