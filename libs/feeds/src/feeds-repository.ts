import { randomUUID } from 'node:crypto';
import { type Selectable, sql } from 'kysely';
import type { Db, FeedsTable } from '#db';
import { DomainError, type FeedCommand, feedDecider } from '#domain';
import { type EventStore, deterministicEventId, handleCommand } from '#event-store';
import { type FeedRegistration, feedStreamId } from './feed-registration.js';

/** A feed as the API shows it. */
export interface FeedView {
  id: string;
  url: string;
  outlet: string;
  pollIntervalSeconds: number;
  registeredBy: string;
  registeredAt: string;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  /** Totals over every poll since registration. */
  items: { seen: number; ingested: number; duplicate: number; skippedNoLink: number; invalid: number };
  lastPoll: PollCounts | null;
  /** The latest items polls skipped and why (newest first, at most MAX_ITEM_ERRORS). */
  itemErrors: FeedItemError[];
}

/** One item a poll skipped: which (its link, guid, title or position) and why. */
export interface FeedItemError {
  item: string;
  error: string;
  /** When it was last seen failing, and on how many polls. */
  at: string;
  polls: number;
}

export const MAX_ITEM_ERRORS = 20;

/** Adds this poll's skipped items to the stored ones: the same item again counts another poll; newest first, bounded. */
export function mergeItemErrors(
  stored: FeedItemError[],
  fresh: { item: string; error: string }[],
  at: Date,
): FeedItemError[] {
  const byItem = new Map(stored.map((e) => [e.item, e]));
  const merged: FeedItemError[] = [];
  for (const { item, error } of fresh) {
    if (merged.some((e) => e.item === item)) continue;
    merged.push({ item, error, at: at.toISOString(), polls: (byItem.get(item)?.polls ?? 0) + 1 });
  }
  for (const old of stored) if (!merged.some((e) => e.item === old.item)) merged.push(old);
  return merged.slice(0, MAX_ITEM_ERRORS);
}

export interface PollCounts {
  seen: number;
  ingested: number;
  duplicate: number;
  skippedNoLink: number;
  invalid: number;
  notModified?: boolean;
}

/** What the poller needs of a feed. */
export interface FeedState {
  id: string;
  url: string;
  outlet: string;
  pollIntervalSeconds: number;
  etag: string | null;
  lastModified: string | null;
  itemErrors: FeedItemError[];
}

export class FeedAlreadyRegisteredError extends Error {
  constructor(readonly existingId: string) {
    super(`this URL is already registered as feed ${existingId}`);
    this.name = 'FeedAlreadyRegisteredError';
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isFeedId = (value: string): boolean => UUID.test(value);

/** A command on the feed's stream; the row and FeedRegistered commit together: a feed the poller sees always has its event, and the reverse. */
export async function registerFeed(
  db: Db,
  store: EventStore,
  input: FeedRegistration,
  actor: string,
  correlationId: string,
): Promise<FeedView> {
  const feedId = randomUUID();
  const command: FeedCommand = {
    type: 'RegisterFeed',
    feedId,
    url: input.url,
    outlet: input.outlet,
    pollIntervalSeconds: input.pollIntervalSeconds,
    registeredBy: actor,
  };
  const { result } = await handleCommand(store, feedStreamId(feedId), feedDecider, command, {
    metadata: { correlationId, actor },
    eventId: () => deterministicEventId(feedId, 'registered'),
    alongside: async (trx) => {
      const inserted = await trx
        .insertInto('feeds')
        .values({
          feed_id: feedId,
          url: input.url,
          outlet: input.outlet,
          poll_interval_seconds: input.pollIntervalSeconds,
          registered_by: actor,
        })
        .onConflict((oc) => oc.column('url').doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!inserted) {
        const existing = await trx
          .selectFrom('feeds')
          .select('feed_id')
          .where('url', '=', input.url)
          .executeTakeFirstOrThrow();
        throw new FeedAlreadyRegisteredError(existing.feed_id);
      }
      return toView(inserted);
    },
  });
  return result;
}

/** Deletes the row and records FeedRemoved (a command on the feed's stream) in one transaction; false when there is no such feed. */
export async function removeFeed(
  db: Db,
  store: EventStore,
  feedId: string,
  actor: string,
  correlationId: string,
): Promise<boolean> {
  if (!isFeedId(feedId)) return false;
  try {
    const { result } = await handleCommand(
      store,
      feedStreamId(feedId),
      feedDecider,
      { type: 'RemoveFeed', feedId, removedBy: actor },
      {
        metadata: { correlationId, actor },
        eventId: () => deterministicEventId(feedId, 'removed'),
        alongside: async (trx) => {
          const deleted = await trx
            .deleteFrom('feeds')
            .where('feed_id', '=', feedId)
            .returning('feed_id')
            .executeTakeFirst();
          // The stream says registered but the row is gone: nothing to remove (the rollback drops the event).
          if (!deleted) throw new DomainError('feed-not-found', `no feed ${feedId}`);
          return true;
        },
      },
    );
    return result;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'feed-not-found') return false;
    throw error;
  }
}

export async function listFeeds(db: Db): Promise<FeedView[]> {
  const rows = await db.selectFrom('feeds').selectAll().orderBy('registered_at').orderBy('feed_id').execute();
  return rows.map(toView);
}

export async function getFeed(db: Db, feedId: string): Promise<FeedView | undefined> {
  if (!isFeedId(feedId)) return undefined;
  const row = await db.selectFrom('feeds').selectAll().where('feed_id', '=', feedId).executeTakeFirst();
  return row && toView(row);
}

export async function getFeedState(db: Db, feedId: string): Promise<FeedState | undefined> {
  if (!isFeedId(feedId)) return undefined;
  const row = await db
    .selectFrom('feeds')
    .select(['feed_id', 'url', 'outlet', 'poll_interval_seconds', 'etag', 'last_modified', 'item_errors'])
    .where('feed_id', '=', feedId)
    .executeTakeFirst();
  return (
    row && {
      id: row.feed_id,
      url: row.url,
      outlet: row.outlet,
      pollIntervalSeconds: row.poll_interval_seconds,
      etag: row.etag,
      lastModified: row.last_modified,
      itemErrors: (row.item_errors as FeedItemError[] | null) ?? [],
    }
  );
}

/** Every feed's schedule, for re-syncing the job schedulers. */
export async function listFeedSchedules(db: Db): Promise<{ id: string; pollIntervalSeconds: number }[]> {
  const rows = await db.selectFrom('feeds').select(['feed_id', 'poll_interval_seconds']).execute();
  return rows.map((row) => ({ id: row.feed_id, pollIntervalSeconds: row.poll_interval_seconds }));
}

/** A successful poll (including 304): clears the error, keeps the validators for the next conditional GET, adds to the totals. */
export async function recordPollSuccess(
  db: Db,
  feedId: string,
  at: Date,
  counts: PollCounts,
  validators: { etag: string | null; lastModified: string | null },
  itemErrors?: FeedItemError[],
): Promise<void> {
  await db
    .updateTable('feeds')
    .set({
      last_polled_at: at,
      last_success_at: at,
      last_error: null,
      last_error_at: null,
      etag: validators.etag,
      last_modified: validators.lastModified,
      items_seen: sql`items_seen + ${counts.seen}`,
      items_ingested: sql`items_ingested + ${counts.ingested}`,
      items_duplicate: sql`items_duplicate + ${counts.duplicate}`,
      items_skipped: sql`items_skipped + ${counts.skippedNoLink}`,
      items_invalid: sql`items_invalid + ${counts.invalid}`,
      last_poll: JSON.stringify(counts),
      ...(itemErrors && { item_errors: JSON.stringify(itemErrors) }),
    })
    .where('feed_id', '=', feedId)
    .execute();
}

export async function recordPollFailure(
  db: Db,
  feedId: string,
  at: Date,
  message: string,
  itemErrors?: FeedItemError[],
): Promise<void> {
  await db
    .updateTable('feeds')
    .set({
      last_polled_at: at,
      last_error: message.slice(0, 2_000),
      last_error_at: at,
      ...(itemErrors && { item_errors: JSON.stringify(itemErrors) }),
    })
    .where('feed_id', '=', feedId)
    .execute();
}

function toView(row: Selectable<FeedsTable>): FeedView {
  return {
    id: row.feed_id,
    url: row.url,
    outlet: row.outlet,
    pollIntervalSeconds: row.poll_interval_seconds,
    registeredBy: row.registered_by,
    registeredAt: iso(row.registered_at)!,
    lastPolledAt: iso(row.last_polled_at),
    lastSuccessAt: iso(row.last_success_at),
    lastError: row.last_error,
    lastErrorAt: iso(row.last_error_at),
    items: {
      seen: Number(row.items_seen),
      ingested: Number(row.items_ingested),
      duplicate: Number(row.items_duplicate),
      skippedNoLink: Number(row.items_skipped),
      invalid: Number(row.items_invalid),
    },
    lastPoll: (row.last_poll as PollCounts | null) ?? null,
    itemErrors: (row.item_errors as FeedItemError[] | null) ?? [],
  };
}

function iso(value: Date | null): string | null {
  return value ? value.toISOString() : null;
}
