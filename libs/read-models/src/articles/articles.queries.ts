import { sql } from 'kysely';
import { type ArticleStatus, articleStreamId } from '#domain';
import type { Db } from '#db';
import { EventStore } from '#event-store';
import { visibleAt } from '../shared/as-of.js';
import { type Page, type PageRequest, toPage } from '../shared/page.js';
import { eventsOfArticle } from '../events/events.queries.js';
import type { EventView } from '../events/event-view.js';

/** Where a received article's coding stands (`unsupported-language`: a language the coder does not read). */
export type ArticleReadStatus = Exclude<ArticleStatus, 'none'>;

export interface ArticleFilters {
  status?: ArticleReadStatus;
  outlet?: string;
  /** Words in the title (case-insensitive substring). */
  q?: string;
}

export interface ArticleSummary {
  id: string;
  url: string;
  title: string;
  outlet: string;
  publishedAt: string;
  status: ArticleReadStatus;
  failureReason: string | null;
  coderVersion: string | null;
  /** ISO 639-1 code the coder read the text as; null before coding (and for codings before languages were detected). */
  language: string | null;
  recodeRequested: { requestedBy: string; reason?: string } | null;
  eventCount: number;
  retractedEventCount: number;
  receivedAt: string;
  codedAt: string | null;
}

export interface ArticleHistoryEntry {
  streamVersion: number;
  type: string;
  recordedAt: string;
  eventId: string;
  /** The coded event the entry is about (coded events, corrections, retractions). */
  subject?: string;
  by?: string;
  reason?: string;
}

export interface ArticleDetail extends ArticleSummary {
  text: string;
  events: EventView[];
  history: ArticleHistoryEntry[];
}

function selectArticles(db: Db, asOf: Date | undefined) {
  let query = db
    .selectFrom('read_articles as a')
    .innerJoin('read_article_states as s', 's.article_id', 'a.article_id')
    .where(visibleAt('s', asOf))
    .select([
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
    ])
    // Counts come from the events read model at the same asOf, so they follow retractions.
    .select((eb) => [
      eb
        .selectFrom('read_events as e')
        .whereRef('e.article_id', '=', 'a.article_id')
        .where(visibleAt('e', asOf))
        .where('e.status', '=', 'active')
        .select(sql<string>`count(*)`.as('n'))
        .as('event_count'),
      eb
        .selectFrom('read_events as e')
        .whereRef('e.article_id', '=', 'a.article_id')
        .where(visibleAt('e', asOf))
        .where('e.status', '=', 'retracted')
        .select(sql<string>`count(*)`.as('n'))
        .as('retracted_count'),
    ]);
  if (asOf) query = query.where('a.received_at', '<', asOf);
  return query;
}

type ArticleRow = Awaited<ReturnType<ReturnType<typeof selectArticles>['execute']>>[number];

function toSummary(row: ArticleRow): ArticleSummary {
  return {
    id: row.article_id,
    url: row.url,
    title: row.title,
    outlet: row.outlet,
    publishedAt: row.published_at,
    status: row.status,
    failureReason: row.failure_reason,
    coderVersion: row.coder_version,
    language: row.language,
    recodeRequested: (row.recode_requested as ArticleSummary['recodeRequested']) ?? null,
    eventCount: Number(row.event_count ?? 0),
    retractedEventCount: Number(row.retracted_count ?? 0),
    receivedAt: row.received_at.toISOString(),
    codedAt: row.coded_at?.toISOString() ?? null,
  };
}

/** Articles as recorded before asOf, newest received first. */
export async function listArticles(db: Db, filters: ArticleFilters, page: PageRequest): Promise<Page<ArticleSummary>> {
  const pinned = new Date();
  let query = selectArticles(db, page.asOf);
  if (filters.status) query = query.where('s.status', '=', filters.status);
  if (filters.outlet) query = query.where('a.outlet', '=', filters.outlet);
  if (filters.q) query = query.where('a.title', 'ilike', `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const rows = await query
    .orderBy('a.received_at', 'desc')
    .orderBy('a.article_id')
    .limit(page.limit + 1)
    .offset(page.offset)
    .execute();
  return toPage(rows.map(toSummary), page, pinned);
}

/** One article with its events and its stream's history; undefined when unknown (or not yet received at asOf). */
export async function getArticle(db: Db, articleId: string, asOf?: Date): Promise<ArticleDetail | undefined> {
  const row = await selectArticles(db, asOf).select('a.text').where('a.article_id', '=', articleId).executeTakeFirst();
  if (!row) return undefined;
  const [events, stream] = await Promise.all([
    eventsOfArticle(db, articleId, asOf),
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
