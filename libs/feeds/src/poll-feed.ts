import type { Db } from '#db';
import { type EventStore, isTransientError } from '#event-store';
import { InvalidArticleError, ingestArticle } from '#ingest';
import { type ItemOutcome, itemToPayload } from './feed-item-payload.js';
import type { FeedItem } from './feed-parser.js';
import { parseFeed } from './feed-parser.js';
import {
  type PollCounts,
  getFeedState,
  mergeItemErrors,
  recordPollFailure,
  recordPollSuccess,
} from './feeds-repository.js';
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
  fetchOptions?: Pick<FetchFeedOptions, 'timeoutMs' | 'maxBytes' | 'client'>;
  now?: () => Date;
  /** Replaceable in tests (an item whose storage fails); the webhook's ingest otherwise. */
  ingest?: typeof ingestArticle;
}

const zero = (): PollCounts => ({ seen: 0, ingested: 0, duplicate: 0, skippedNoLink: 0, invalid: 0 });
const MAX_ITEM_LABEL = 300;

/**
 * One poll of one feed: fetch, parse, and hand every item to the same
 * ingestArticle the webhook uses (so the same URL or text is stored once,
 * whichever way it came).
 *
 * One bad item never stops its feed: an item that cannot be read, has a bad
 * link or date, is too large, or whose storage fails for a reason of its own
 * is skipped and recorded on the feed (item_errors, with the error), and the
 * poll goes on with the next item — on this poll and every later one. Only
 * what is the feed's fault (fetch, parse of the document) or nobody's (the
 * database went away) fails the poll: that is recorded on the feed as
 * last_error and returned, never thrown; items stored before it are found as
 * duplicates next time.
 */
export async function pollFeed(deps: PollDependencies, feedId: string, correlationId: string): Promise<PollResult> {
  const { db, store } = deps;
  const now = deps.now ?? (() => new Date());
  const ingest = deps.ingest ?? ingestArticle;
  const feed = await getFeedState(db, feedId);
  if (!feed) return { feedId, status: 'gone' };

  const counts = zero();
  const skipped: { item: string; error: string }[] = [];
  const startedAt = now();
  try {
    const fetched = await (deps.fetch ?? fetchFeed)(feed.url, {
      etag: feed.etag,
      lastModified: feed.lastModified,
      ...deps.fetchOptions,
    });
    if (fetched.status === 'not-modified') {
      const notModified = { ...counts, notModified: true };
      await recordPollSuccess(db, feedId, startedAt, notModified, { etag: feed.etag, lastModified: feed.lastModified });
      return { feedId, status: 'not-modified', counts: notModified };
    }
    const parsed = parseFeed(fetched.body);
    for (const { position, error } of parsed.unparsable) {
      counts.seen += 1;
      counts.invalid += 1;
      skipped.push({ item: `entry ${position}`, error: `unreadable: ${error}` });
    }
    const context = {
      feedUrl: feed.url,
      outlet: feed.outlet,
      now: startedAt,
      ...(parsed.language && { language: parsed.language }),
    };
    for (const [index, item] of parsed.items.entries()) {
      counts.seen += 1;
      let outcome: ItemOutcome;
      try {
        outcome = itemToPayload(item, context);
      } catch (error) {
        outcome = { kind: 'invalid', message: messageOf(error), problems: [] };
      }
      if (outcome.kind === 'no-link') {
        counts.skippedNoLink += 1;
        continue;
      }
      if (outcome.kind === 'invalid') {
        counts.invalid += 1;
        skipped.push({ item: itemLabel(item, index), error: outcome.message });
        continue;
      }
      try {
        const result = await ingest(db, store, outcome.payload, { kind: 'feed', feedId }, correlationId);
        if (result.duplicate) counts.duplicate += 1;
        else counts.ingested += 1;
      } catch (error) {
        // The database going away is nobody's item's fault: the poll fails and the next one tries again.
        if (!(error instanceof InvalidArticleError) && isTransientError(error)) throw error;
        counts.invalid += 1;
        skipped.push({ item: itemLabel(item, index), error: messageOf(error) });
      }
    }
    const itemErrors = skipped.length ? mergeItemErrors(feed.itemErrors, skipped, startedAt) : undefined;
    await recordPollSuccess(
      db,
      feedId,
      startedAt,
      counts,
      { etag: fetched.etag, lastModified: fetched.lastModified },
      itemErrors,
    );
    return { feedId, status: 'ok', counts };
  } catch (error) {
    const message = messageOf(error);
    const itemErrors = skipped.length ? mergeItemErrors(feed.itemErrors, skipped, startedAt) : undefined;
    await recordPollFailure(db, feedId, startedAt, message, itemErrors).catch(() => undefined);
    return { feedId, status: 'failed', error: message, counts };
  }
}

/** Which item: its link, else its guid, title, or place in the feed. */
function itemLabel(item: FeedItem, index: number): string {
  return (item.link ?? item.guid ?? (item.title ? `"${item.title}"` : undefined) ?? `item ${index + 1}`).slice(
    0,
    MAX_ITEM_LABEL,
  );
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1_000);
}
