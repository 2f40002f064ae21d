import { type Insertable, type Selectable, type Transaction, sql } from 'kysely';
import type { ArticleReceived } from '#domain';
import type { Database } from '#db';
import type { StoredEvent } from '#event-store';
import { asArticleEvent } from '../shared/article-event.js';
import { applyOnceAll } from '../shared/stream-progress.js';

export const ARTICLES_PROJECTION = 'read-model.articles';

type StatePatch = Partial<Pick<Database['read_article_states'], 'status' | 'coder_version'>> & {
  language?: string | null;
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
  handle: (events: StoredEvent[], trx: Transaction<Database>) =>
    applyOnceAll(trx, ARTICLES_PROJECTION, events, async (fresh) => {
      const batch = await ArticleStatesBatch.load(trx, fresh);
      for (const event of fresh) applyArticleEvent(batch, event);
      await batch.write();
    }),
} as const;

function applyArticleEvent(batch: ArticleStatesBatch, stored: StoredEvent): void {
  const event = asArticleEvent(stored);
  const at = stored.recordedAt;
  switch (event.type) {
    case 'ArticleReceived':
      return batch.receive(event.data, at);
    case 'ArticleCoded':
      return batch.transition(event.data.articleId, at, () => ({
        status: event.data.unsupportedLanguage ? 'unsupported-language' : 'coded',
        language: event.data.language ?? null,
        coder_version: event.data.coderVersion,
        coded_at: at,
        recode_requested: null,
        failure_reason: null,
        failure_attempts: null,
      }));
    case 'ArticleCodingFailed':
      // A late failure never un-codes a coded article (the decider says the same).
      return batch.transition(event.data.articleId, at, (current) =>
        current.status === 'coded' || current.status === 'unsupported-language'
          ? undefined
          : { status: 'failed', failure_reason: event.data.reason, failure_attempts: event.data.attempts },
      );
    case 'ArticleRecodeRequested':
      return batch.transition(event.data.articleId, at, () => ({
        recode_requested: {
          requestedBy: event.data.requestedBy,
          ...(event.data.reason !== undefined && { reason: event.data.reason }),
        },
      }));
    default:
      return;
  }
}

type StateRow = Omit<Selectable<Database['read_article_states']>, 'recode_requested'> & {
  recode_requested: { requestedBy: string; reason?: string } | null;
};

/**
 * A batch's changes to the articles tables, worked out in memory and written
 * with a handful of statements whatever the batch size (one at a time it was
 * five per article: the worker's slowest projection). The current state of
 * every article in the batch is read once; each event then closes the current
 * version and opens the next, or rewrites in place a version opened at the
 * same recorded time (never visible to anyone).
 */
class ArticleStatesBatch {
  private readonly articles: Insertable<Database['read_articles']>[] = [];
  /** Versions stored before this batch that it closes. */
  private readonly closing: { articleId: string; version: number; at: Date }[] = [];
  /** Stored versions rewritten in place (opened at the recorded time of a later event of the same transaction). */
  private readonly rewriting: StateRow[] = [];
  /** Versions this batch opens, in order (some closed again by later events of the batch). */
  private readonly opening: StateRow[] = [];

  private constructor(
    private readonly trx: Transaction<Database>,
    private readonly current: Map<string, StateRow>,
  ) {}

  static async load(trx: Transaction<Database>, events: StoredEvent[]): Promise<ArticleStatesBatch> {
    const ids = [...new Set(events.map((e) => (e.data as { articleId: string }).articleId))];
    const rows = ids.length
      ? await trx
          .selectFrom('read_article_states')
          .selectAll()
          .where('article_id', 'in', ids)
          .where('recorded_to', 'is', null)
          .execute()
      : [];
    return new ArticleStatesBatch(trx, new Map(rows.map((r) => [r.article_id, r as StateRow])));
  }

  receive(a: ArticleReceived, at: Date): void {
    this.articles.push({
      article_id: a.articleId,
      url: a.url,
      title: a.title,
      outlet: a.outlet,
      published_at: a.publishedAt,
      text: a.text,
      content_hash: a.contentHash,
      received_at: at,
    });
    if (this.current.has(a.articleId)) return; // received before (a replay): its states stand
    const first: StateRow = {
      article_id: a.articleId,
      version: 1,
      status: 'received',
      failure_reason: null,
      failure_attempts: null,
      coder_version: null,
      language: null,
      coded_at: null,
      recode_requested: null,
      recorded_from: at,
      recorded_to: null,
    };
    this.opening.push(first);
    this.current.set(a.articleId, first);
  }

  transition(articleId: string, at: Date, patchFor: (current: StateRow) => StatePatch | undefined): void {
    const current = this.current.get(articleId);
    if (!current) return; // no ArticleReceived in this stream: nothing to attach to
    const patch = patchFor(current);
    if (!patch) return;
    const values = Object.fromEntries(
      Object.entries(patch).filter(([, value]) => value !== undefined),
    ) as Partial<StateRow>;
    if (current.recorded_from.getTime() === at.getTime()) {
      Object.assign(current, values);
      if (!this.opening.includes(current) && !this.rewriting.includes(current)) this.rewriting.push(current);
      return;
    }
    if (this.opening.includes(current)) current.recorded_to = at;
    else this.closing.push({ articleId, version: current.version, at });
    const next: StateRow = {
      ...current,
      ...values,
      version: current.version + 1,
      recorded_from: at,
      recorded_to: null,
    };
    this.opening.push(next);
    this.current.set(articleId, next);
  }

  async write(): Promise<void> {
    const { trx } = this;
    for (const rows of chunks(this.articles, 1_000))
      await trx
        .insertInto('read_articles')
        .values(rows)
        .onConflict((oc) => oc.column('article_id').doNothing())
        .execute();
    for (const row of this.rewriting) {
      const { article_id, version, ...fields } = toInsert(row);
      await trx
        .updateTable('read_article_states')
        .set(fields)
        .where('article_id', '=', article_id)
        .where('version', '=', version)
        .execute();
    }
    // Close before opening: at most one current version per article (a unique index).
    if (this.closing.length) {
      await sql`
        update read_article_states s set recorded_to = c.at
        from unnest(${sql.val(this.closing.map((c) => c.articleId))}::text[], ${sql.val(this.closing.map((c) => c.version))}::int[], ${sql.val(this.closing.map((c) => c.at))}::timestamptz[])
          as c(article_id, version, at)
        where s.article_id = c.article_id and s.version = c.version`.execute(trx);
    }
    for (const rows of chunks(this.opening.map(toInsert), 1_000))
      await trx.insertInto('read_article_states').values(rows).execute();
  }
}

const toInsert = (row: StateRow): Insertable<Database['read_article_states']> => ({
  ...row,
  recode_requested: JSON.stringify(row.recode_requested ?? null),
});

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}
