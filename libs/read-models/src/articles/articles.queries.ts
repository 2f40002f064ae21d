import { sql } from 'kysely';
import { type ArticleStatus, articleStreamId } from '#domain';
import type { Db } from '#db';
import { EventStore } from '#event-store';
import { visibleAt } from '../shared/as-of.js';
import { type Page, type PageRequest, toPage } from '../shared/page.js';
import type { ModalityFilter } from '../events/event-filters.js';
import { eventsOfArticle } from '../events/events.queries.js';
import type { ArticleDetail, ArticleSummary } from './article-view.schema.js';

export type { ArticleDetail, ArticleHistoryEntry, ArticleSummary } from './article-view.schema.js';

/** Where a received article's coding stands (`unsupported-language`: a language the coder does not read). */
export type ArticleReadStatus = Exclude<ArticleStatus, 'none'>;

export interface ArticleFilters {
  status?: ArticleReadStatus;
  outlet?: string;
  /** Words anywhere in the title or the text (PostgreSQL full-text search, English stemming). */
  q?: string;
}

/** read_articles as `a` with its state as of asOf (`s`), filtered; nothing selected yet. */
function filteredArticles(db: Db, filters: ArticleFilters, asOf: Date | undefined) {
  let query = db
    .selectFrom('read_articles as a')
    .innerJoin('read_article_states as s', 's.article_id', 'a.article_id')
    .where(visibleAt('s', asOf));
  if (asOf) query = query.where('a.received_at', '<', asOf);
  if (filters.status) query = query.where('s.status', '=', filters.status as 'received');
  if (filters.outlet) query = query.where('a.outlet', '=', filters.outlet);
  if (filters.q) query = query.where(sql<boolean>`a.search @@ websearch_to_tsquery('english', ${filters.q})`);
  return query;
}

/** Counts come from the events read model at the same asOf, so they follow retractions and corrections. */
const eventCount = (asOf: Date | undefined, status: 'active' | 'retracted', modality?: 'asserted' | 'other') =>
  sql<string>`(select count(*) from read_events e where e.article_id = a.article_id and ${visibleAt('e', asOf)}
    and e.status = ${status} ${modality === 'asserted' ? sql`and e.modality = 'asserted'` : modality === 'other' ? sql`and e.modality <> 'asserted'` : sql``})`;

function selectArticles(db: Db, filters: ArticleFilters, asOf: Date | undefined) {
  return filteredArticles(db, filters, asOf).select([
    'a.article_id',
    'a.url',
    'a.title',
    'a.outlet',
    'a.published_at',
    'a.received_at',
    's.status',
    's.failure_reason',
    's.coder_version',
    's.language',
    's.coded_at',
    's.recode_requested',
    eventCount(asOf, 'active', 'asserted').as('event_count'),
    eventCount(asOf, 'active', 'other').as('other_count'),
    eventCount(asOf, 'retracted').as('retracted_count'),
  ]);
}

type ArticleRow = Awaited<ReturnType<ReturnType<typeof selectArticles>['execute']>>[number];

function toSummary(row: ArticleRow): ArticleSummary {
  return {
    id: row.article_id,
    url: row.url,
    title: row.title,
    outlet: row.outlet,
    publishedAt: row.published_at,
    status: row.status as ArticleSummary['status'],
    failureReason: row.failure_reason,
    coderVersion: row.coder_version,
    language: row.language,
    recodeRequested: (row.recode_requested as ArticleSummary['recodeRequested']) ?? null,
    eventCount: Number(row.event_count ?? 0),
    otherModalityEventCount: Number(row.other_count ?? 0),
    retractedEventCount: Number(row.retracted_count ?? 0),
    receivedAt: row.received_at.toISOString(),
    codedAt: row.coded_at?.toISOString() ?? null,
  };
}

/**
 * Articles as recorded before asOf: newest received first, or best match first
 * when searching. The page's keys are found first (an index scan, however deep
 * the offset), and only those rows get their event counts: counting the events
 * of every skipped article made the last page of 25,000 take seconds.
 */
export async function listArticles(db: Db, filters: ArticleFilters, page: PageRequest): Promise<Page<ArticleSummary>> {
  const pinned = new Date();
  let keys = filteredArticles(db, filters, page.asOf).select(['a.article_id']);
  if (filters.q) keys = keys.orderBy(sql`ts_rank(a.search, websearch_to_tsquery('english', ${filters.q}))`, 'desc');
  const [pageKeys, count] = await Promise.all([
    keys
      .orderBy('a.received_at', 'desc')
      .orderBy('a.article_id')
      .limit(page.limit + 1)
      .offset(page.offset)
      .execute(),
    filteredArticles(db, filters, page.asOf)
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirst(),
  ]);
  const ids = pageKeys.map((k) => k.article_id);
  const rows = ids.length ? await selectArticles(db, {}, page.asOf).where('a.article_id', 'in', ids).execute() : [];
  const byId = new Map(rows.map((r) => [r.article_id, r]));
  return toPage(
    ids.map((id) => toSummary(byId.get(id)!)),
    page,
    pinned,
    Number(count?.n ?? 0),
  );
}

/** One article with its events and its stream's history; undefined when unknown (or not yet received at asOf). */
export async function getArticle(
  db: Db,
  articleId: string,
  asOf?: Date,
  modality?: ModalityFilter,
): Promise<ArticleDetail | undefined> {
  const row = await selectArticles(db, {}, asOf)
    .select('a.text')
    .where('a.article_id', '=', articleId)
    .executeTakeFirst();
  if (!row) return undefined;
  const [events, stream] = await Promise.all([
    eventsOfArticle(db, articleId, asOf, modality),
    // The history is the stream itself: the source of truth, read as of the same time.
    new EventStore(db).readStream(articleStreamId(articleId), asOf ? { recordedBefore: asOf } : {}),
  ]);
  return {
    ...toSummary(row),
    text: row.text,
    events,
    history: stream.map((event) => {
      const data = (event.data ?? {}) as Record<string, unknown>;
      const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
      const by = event.metadata.actor ?? str(data.by) ?? str(data.requestedBy) ?? viaOf(data.via);
      const reason = event.metadata.reason ?? str(data.reason);
      const subject = str(data.eventId);
      return {
        streamVersion: event.streamVersion,
        type: event.type,
        recordedAt: event.recordedAt.toISOString(),
        eventId: event.eventId,
        ...(subject && { subject }),
        ...(by && { by }),
        ...(reason && { reason }),
      };
    }),
  };
}

function viaOf(via: unknown): string | undefined {
  const v = via as { kind?: string; webhookId?: string; feedId?: string } | undefined;
  if (v?.kind === 'webhook') return `webhook:${v.webhookId}`;
  if (v?.kind === 'feed') return `feed:${v.feedId}`;
  return undefined;
}
