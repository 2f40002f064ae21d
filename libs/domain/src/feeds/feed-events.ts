// The events of a feed's stream (`feed-<id>`): registered, removed, with who did it.

export const feedStreamId = (feedId: string): string => `feed-${feedId}`;

export interface FeedRegistered {
  feedId: string;
  url: string;
  outlet: string;
  pollIntervalSeconds: number;
  registeredBy: string;
}

export interface FeedRemoved {
  feedId: string;
  removedBy: string;
}

export type FeedStreamEvent =
  { type: 'FeedRegistered'; data: FeedRegistered } | { type: 'FeedRemoved'; data: FeedRemoved };

export const FEED_EVENT_TYPES = ['FeedRegistered', 'FeedRemoved'] as const;
