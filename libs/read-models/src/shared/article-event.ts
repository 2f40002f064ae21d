import { ARTICLE_EVENT_TYPES, EVENT_TYPE_NAMES, type ArticleStreamEvent } from '#domain';
import type { StoredEvent } from '#event-store';

/** Every type an article stream holds: what the projections subscribe to. */
export const ARTICLE_STREAM_TYPES: readonly string[] = [...ARTICLE_EVENT_TYPES, ...EVENT_TYPE_NAMES];

/** The stored event as the stream contract's union (the log only holds what the deciders emitted). */
export const asArticleEvent = (event: StoredEvent): ArticleStreamEvent =>
  ({ type: event.type, data: event.data }) as ArticleStreamEvent;
