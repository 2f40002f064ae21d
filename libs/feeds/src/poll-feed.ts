import type { Db } from '#db';
import type { EventStore } from '#event-store';
import { InvalidArticleError, ingestArticle } from '#ingest';
import { itemToPayload } from './feed-item-payload.js';
import { parseFeed } from './feed-parser.js';
import { type PollCounts, getFeedState, recordPollFailure, recordPollSuccess } from './feeds-repository.js';
import { type FetchFeedOptions, type FetchFeedResult, fetchFeed } from './fetch-feed.js';

export type PollResult =
  | { feedId: string; status: 'ok'; counts: PollCounts }
  | { feedId: string; status: 'not-modified'; counts: PollCounts }
  | { feedId: string; status: 'failed'; error: string; counts: PollCounts }
  /** The feed was removed after the job was queued: nothing to do. */
  | { feedId: string; status: 'gone' };

export interface PollDependencies {
  db: Db;
  store: EventStore;
  /** Replaceable in tests; the real one does a conditional GET with a timeout. */
  fetch?: (url: string, options: FetchFeedOptions) => Promise<FetchFeedResult>;
  fetchOptions?: Pick<FetchFeedOptions, 'timeoutMs' | 'maxBytes'>;
  now?: () => Date;
}

const zero = (): PollCounts => ({ seen: 0, ingested: 0, duplicate: 0, skippedNoLink: 0, invalid: 0 });

/**
 * One poll of one feed: fetch, parse, and hand every item to the same
 * ingestArticle the webhook uses (so the same URL or text is stored once,
 * whichever way it came). A fetch, parse or storage failure is recorded on the
 * feed as last_error and returned, never thrown: one bad feed must not affect
 * the others. Items ingested before a storage failure stay stored; the next
 * poll finds them as duplicates.
 */
export async function pollFeed(deps: PollDependencies, feedId: string, correlationId: string): Promise<PollResult> {
  const { db, store } = deps;
  const now = deps.now ?? (() => new Date());
  const feed = await getFeedState(db, feedId);
  if (!feed) return { feedId, status: 'gone' };

  const counts = zero();
  const startedAt = now();
  try {
    const fetched = await (deps.fetch ?? fetchFeed)(feed.url, { etag: feed.etag, lastModified: feed.lastModified, ...deps.fetchOptions });
    if (fetched.status === 'not-modified') {
      const notModified = { ...counts, notModified: true };
      await recordPollSuccess(db, feedId, startedAt, notModified, { etag: feed.etag, lastModified: feed.lastModified });
      return { feedId, status: 'not-modified', counts: notModified };
    }
    const parsed = parseFeed(fetched.body);
    const context = { feedUrl: feed.url, outlet: feed.outlet, now: startedAt, ...(parsed.language && { language: parsed.language }) };
    for (const item of parsed.items) {
      counts.seen += 1;
      const outcome = itemToPayload(item, context);
      if (outcome.kind === 'no-link') {
        counts.skippedNoLink += 1;
        continue;
      }
      if (outcome.kind === 'invalid') {
        counts.invalid += 1;
        continue;
      }
      try {
        const result = await ingestArticle(db, store, outcome.payload, { kind: 'feed', feedId }, correlationId);
        if (result.duplicate) counts.duplicate += 1;
        else counts.ingested += 1;
      } catch (error) {
        // Markup with no text left in it: this item's fault, not the feed's.
        if (error instanceof InvalidArticleError) counts.invalid += 1;
        else throw error;
      }
    }
    await recordPollSuccess(db, feedId, startedAt, counts, { etag: fetched.etag, lastModified: fetched.lastModified });
    return { feedId, status: 'ok', counts };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await recordPollFailure(db, feedId, startedAt, message);
    return { feedId, status: 'failed', error: message, counts };
  }
}
