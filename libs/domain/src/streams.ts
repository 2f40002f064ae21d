import { ARTICLE_EVENT_TYPES, type ArticleStreamEvent, articleStreamId } from './articles/article-events.js';
import { ALERT_EVENT_TYPES, type AlertStreamEvent, alertStreamId } from './alerts/alert-events.js';
import { EVENT_TYPE_NAMES } from './catalog/index.js';
import { FEED_EVENT_TYPES, type FeedStreamEvent, feedStreamId } from './feeds/feed-events.js';
import {
  INCIDENT_CORRECTIONS_STREAM,
  INCIDENT_CORRECTION_TYPES,
  type IncidentCorrectionEvent,
} from './incidents/incident-events.js';
import { REBUILD_REQUESTED, type RebuildStreamEvent, rebuildStreamId } from './rebuilds/rebuild-events.js';
import {
  SUBSCRIPTION_EVENT_TYPES,
  type SubscriptionStreamEvent,
  subscriptionStreamId,
} from './subscriptions/subscription-events.js';

// The catalog of stream events: every kind of stream in the log, the events it
// holds (a discriminated union on `type`) and how its id is spelled. Everything
// that appends or reads events takes its types from here.

/** The events each kind of stream holds. */
export interface StreamEvents {
  article: ArticleStreamEvent;
  'incident-corrections': IncidentCorrectionEvent;
  subscription: SubscriptionStreamEvent;
  alert: AlertStreamEvent;
  feed: FeedStreamEvent;
  rebuild: RebuildStreamEvent;
}

export type StreamKind = keyof StreamEvents;

/** Any event of any stream. */
export type DomainEvent = StreamEvents[StreamKind];
export type DomainEventType = DomainEvent['type'];

/** The event types of each kind of stream (an article stream also holds one event per coded event, by catalog type). */
export const STREAM_EVENT_TYPES: { readonly [K in StreamKind]: readonly StreamEvents[K]['type'][] } = {
  article: [...ARTICLE_EVENT_TYPES, ...EVENT_TYPE_NAMES],
  'incident-corrections': INCIDENT_CORRECTION_TYPES,
  subscription: SUBSCRIPTION_EVENT_TYPES,
  alert: ALERT_EVENT_TYPES,
  feed: FEED_EVENT_TYPES,
  rebuild: [REBUILD_REQUESTED],
};

/** Stream ids per kind (incident corrections share one stream). */
export const STREAM_IDS = {
  article: articleStreamId,
  'incident-corrections': () => INCIDENT_CORRECTIONS_STREAM,
  subscription: subscriptionStreamId,
  alert: alertStreamId,
  feed: feedStreamId,
  rebuild: rebuildStreamId,
} as const satisfies { [K in StreamKind]: (id: string) => string };
