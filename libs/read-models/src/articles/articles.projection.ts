import type { Transaction } from 'kysely';
import type { Database } from '#db';
import type { StoredEvent } from '#event-store';
import { asArticleEvent } from '../shared/article-event.js';
import { applyOnce } from '../shared/stream-progress.js';

export const ARTICLES_PROJECTION = 'read-model.articles';

type StatePatch = Partial<Pick<Database['read_article_states'], 'status' | 'coder_version'>> & {
  failure_reason?: string | null;
  failure_attempts?: number | null;
  coded_at?: Date | null;
  recode_requested?: { requestedBy: string; reason?: string } | null;
};

/** Articles: what was received, and its coding status, versioned by recorded time. */
export const articlesProjection = {
  name: ARTICLES_PROJECTION,
  /** The tables only this projection writes (what a blue/green rebuild swaps). */
  tables: ['read_articles', 'read_article_states'],
  types: ['ArticleReceived', 'ArticleCoded', 'ArticleCodingFailed', 'ArticleRecodeRequested'],
  handle: (events: StoredEvent[], trx: Transaction<Database>) => applyOnce(trx, ARTICLES_PROJECTION, events, (event) => applyArticleEvent(trx, event)),
} as const;

async function applyArticleEvent(trx: Transaction<Database>, stored: StoredEvent): Promise<void> {
  const event = asArticleEvent(stored);
  const at = stored.recordedAt;
  switch (event.type) {
    case 'ArticleReceived': {
      const a = event.data;
      await trx
        .insertInto('read_articles')
        .values({
          article_id: a.articleId,
          url: a.url,
          title: a.title,
          outlet: a.outlet,
          published_at: a.publishedAt,
          text: a.text,
          content_hash: a.contentHash,
          received_at: at,
        })
        .onConflict((oc) => oc.column('article_id').doNothing())
        .execute();
      await trx
        .insertInto('read_article_states')
        .values({ article_id: a.articleId, version: 1, status: 'received', recorded_from: at })
        .onConflict((oc) => oc.columns(['article_id', 'version']).doNothing())
        .execute();
      return;
    }
    case 'ArticleCoded':
      return transition(trx, event.data.articleId, at, () => ({
        status: 'coded',
        coder_version: event.data.coderVersion,
        coded_at: at,
        recode_requested: null,
        failure_reason: null,
        failure_attempts: null,
      }));
    case 'ArticleCodingFailed':
      // A late failure never un-codes a coded article (the decider says the same).
      return transition(trx, event.data.articleId, at, (current) =>
        current.status === 'coded' ? undefined : { status: 'failed', failure_reason: event.data.reason, failure_attempts: event.data.attempts },
      );
    case 'ArticleRecodeRequested':
      return transition(trx, event.data.articleId, at, () => ({
        recode_requested: { requestedBy: event.data.requestedBy, ...(event.data.reason !== undefined && { reason: event.data.reason }) },
      }));
    default:
      return;
  }
}

/**
 * Closes the current version and opens the next one with the patch applied. When
 * the current version was opened by the same transaction (same recorded_at) it
 * was never visible to anyone, so it is rewritten in place instead.
 */
async function transition(
  trx: Transaction<Database>,
  articleId: string,
  at: Date,
  patchFor: (current: { status: string }) => StatePatch | undefined,
): Promise<void> {
  const current = await trx.selectFrom('read_article_states').selectAll().where('article_id', '=', articleId).where('recorded_to', 'is', null).executeTakeFirst();
  if (!current) return; // no ArticleReceived in this stream: nothing to attach to
  const patch = patchFor(current);
  if (!patch) return;
  const values = {
    ...(patch.status !== undefined && { status: patch.status }),
    ...(patch.coder_version !== undefined && { coder_version: patch.coder_version }),
    ...(patch.failure_reason !== undefined && { failure_reason: patch.failure_reason }),
    ...(patch.failure_attempts !== undefined && { failure_attempts: patch.failure_attempts }),
    ...(patch.coded_at !== undefined && { coded_at: patch.coded_at }),
    ...(patch.recode_requested !== undefined && { recode_requested: JSON.stringify(patch.recode_requested) }),
  };
  if (current.recorded_from.getTime() === at.getTime()) {
    await trx.updateTable('read_article_states').set(values).where('article_id', '=', articleId).where('version', '=', current.version).execute();
    return;
  }
  await trx.updateTable('read_article_states').set({ recorded_to: at }).where('article_id', '=', articleId).where('version', '=', current.version).execute();
  await trx
    .insertInto('read_article_states')
    .values({
      article_id: articleId,
      version: current.version + 1,
      status: current.status,
      failure_reason: current.failure_reason,
      failure_attempts: current.failure_attempts,
      coder_version: current.coder_version,
      coded_at: current.coded_at,
      recode_requested: JSON.stringify(current.recode_requested ?? null),
      ...values,
      recorded_from: at,
    })
    .execute();
}
