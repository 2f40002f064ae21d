// What an article's stream (`article-<articleId>`) holds, in order:
//   ArticleReceived                         (ingest: webhook or feed)
//   ArticleCoded + one event per coded event (coding processor; type = catalog type),
//     or ArticleCoded with unsupportedLanguage and no event (a language the coder does not read)
//   ArticleCodingFailed                     (when every attempt failed)
//   ArticleRecodeRequested → ArticleCoded(recode) + new coded events + EventRetracted for dropped ones
//   EventRetracted / EventCorrected         (analyst corrections)
import type { CodedEvent, EventType } from '../catalog/index.js';

export const articleStreamId = (articleId: string): string => `article-${articleId}`;

export interface ArticleReceived {
  articleId: string;
  url: string;
  title: string;
  outlet: string;
  /** As the sender gave it (ISO date or date-time); dates in the text resolve against its day. */
  publishedAt: string;
  /** The clean text; every evidence offset refers to this string. */
  text: string;
  /** sha256 of the text, to recognise the same story sent again under another URL. */
  contentHash: string;
  /** Whether `body` arrived as HTML and was turned into `text`. */
  bodyFormat: 'text' | 'html';
  sourceId?: string;
  language?: string;
  /** How it came in: the webhook (with its webhook-id) or a polled feed. */
  via: { kind: 'webhook'; webhookId: string } | { kind: 'feed'; feedId: string };
}

/** A coded event as stored: the catalog fields plus where it came from. */
export interface CodedEventRecorded extends Omit<CodedEvent, 'id' | 'links'> {
  /** Stable across re-runs of the same coder version on the same text. */
  eventId: string;
  articleId: string;
  coderVersion: string;
  /** Other events of the same article this one belongs with (event ids). */
  links?: string[];
}

export interface ArticleCoded {
  articleId: string;
  coderVersion: string;
  eventIds: string[];
  /** ISO 639-1 code the coder read the text as (absent from codings before languages were detected). */
  language?: string;
  /** The coder does not read `language`, so it looked for no event: the article's status is `unsupported-language`. */
  unsupportedLanguage?: true;
  /** Present when this coding replaced an earlier one. */
  recode?: {
    previousCoderVersion: string;
    added: string[];
    retracted: string[];
    unchanged: string[];
    requestedBy: string;
  };
}

export interface ArticleCodingFailed {
  articleId: string;
  reason: string;
  attempts: number;
}

export interface ArticleRecodeRequested {
  articleId: string;
  requestedBy: string;
  reason?: string;
}

export interface EventRetracted {
  eventId: string;
  articleId: string;
  reason: string;
  by: string;
}

/** Fields an analyst may correct; the rest of the event stays as coded. */
export type CorrectableFields = Partial<
  Pick<CodedEvent, 'type' | 'agent' | 'target' | 'date' | 'location' | 'modality'>
>;

export interface EventCorrected {
  eventId: string;
  articleId: string;
  changes: CorrectableFields;
  reason: string;
  by: string;
}

/** The non-catalog event types of an article stream. */
export const ARTICLE_EVENT_TYPES = [
  'ArticleReceived',
  'ArticleCoded',
  'ArticleCodingFailed',
  'ArticleRecodeRequested',
  'EventRetracted',
  'EventCorrected',
] as const;
export type ArticleEventType = (typeof ARTICLE_EVENT_TYPES)[number];

export type ArticleStreamEvent =
  | { type: 'ArticleReceived'; data: ArticleReceived }
  | { type: 'ArticleCoded'; data: ArticleCoded }
  | { type: 'ArticleCodingFailed'; data: ArticleCodingFailed }
  | { type: 'ArticleRecodeRequested'; data: ArticleRecodeRequested }
  | { type: 'EventRetracted'; data: EventRetracted }
  | { type: 'EventCorrected'; data: EventCorrected }
  | { type: EventType; data: CodedEventRecorded };
