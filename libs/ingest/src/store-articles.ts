import { sql } from 'kysely';
import { articleStreamId } from '#domain';
import type { Db } from '#db';
import { type EventStore, eventColumns } from '#event-store';
import { type PreparedArticle, receivedEvents } from './ingest-article.js';

/**
 * Stores a group of articles in one statement, its own transaction (the
 * store_articles function: every article's keys and ArticleReceived stream, one
 * round trip, one commit). Returns, per article, true when it was stored, false
 * when one of its keys was already taken (stored before, or by an earlier article
 * of this group) and nothing of it was written: the caller looks up which article
 * it repeats (findDuplicate). Throws, having written nothing, when PostgreSQL
 * refuses any of it; the caller then stores the articles one by one.
 */
export async function storeArticles(db: Db, store: EventStore, group: PreparedArticle[]): Promise<boolean[]> {
  const appends = group.map((prepared) => ({
    streamId: articleStreamId(prepared.articleId),
    events: receivedEvents(prepared),
  }));
  const events = eventColumns(appends);
  const { rows } = await sql<{ article_index: number; article_stored: boolean }>`
    select article_index, article_stored from store_articles(
      ${sql.val(group.map((p) => p.articleId))}::uuid[],
      ${sql.val(appends.map((a) => a.streamId))}::text[],
      ${sql.val(group.flatMap((p, i) => p.keys.map(() => i + 1)))}::int[],
      ${sql.val(group.flatMap((p) => p.keys))}::text[],
      ${sql.val(appends.flatMap((a, i) => a.events.map(() => i + 1)))}::int[],
      ${sql.val(events.numbers)}::bigint[],
      ${sql.val(events.ids)}::uuid[],
      ${sql.val(events.types)}::text[],
      ${sql.val(events.data)}::jsonb[],
      ${sql.val(events.metadata)}::jsonb[])`.execute(db);
  const stored = group.map(() => false);
  for (const row of rows) stored[row.article_index - 1] = row.article_stored;
  store.appendedOutside(appends.filter((_, i) => stored[i]));
  return stored;
}
