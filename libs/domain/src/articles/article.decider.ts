// The article as a decider (Emmett's shape): decide(command, state) → events,
// evolve(state, event) → state. Pure: the processors load the stream, fold it,
// decide, and append with the stream version as the expected version.
import { EVENT_TYPES, isEventType } from '../catalog/index.js';
import type { Decider } from '../decider.js';
import { DomainError } from '../errors.js';
import type {
  ArticleCoded,
  ArticleReceived,
  ArticleStreamEvent,
  CodedEventRecorded,
  CorrectableFields,
} from './article-events.js';

/**
 * Where a received article's coding stands (as the read models and the API show it);
 * `unsupported-language`: coded, but in a language the coder does not read, so no event was looked for.
 */
export const ARTICLE_STATUSES = ['received', 'coded', 'unsupported-language', 'failed'] as const;
export type ArticleStatus = 'none' | (typeof ARTICLE_STATUSES)[number];

export interface ArticleState {
  status: ArticleStatus;
  articleId?: string;
  received?: ArticleReceived;
  coderVersion?: string;
  /** Coded events not retracted, by event id. */
  activeEvents: Map<string, CodedEventRecorded>;
  retracted: Set<string>;
  recodeRequested?: { requestedBy: string; reason?: string };
}

export const initialArticleState = (): ArticleState => ({
  status: 'none',
  activeEvents: new Map(),
  retracted: new Set(),
});

export type ArticleCommand =
  | { type: 'ReceiveArticle'; article: ArticleReceived }
  | {
      type: 'RecordCoding';
      coderVersion: string;
      events: CodedEventRecorded[];
      language?: string;
      requestedBy?: string;
    }
  | { type: 'RecordUnsupportedLanguage'; coderVersion: string; language: string; requestedBy?: string }
  | { type: 'RecordCodingFailure'; reason: string; attempts: number }
  | { type: 'RequestRecode'; requestedBy: string; reason?: string }
  | { type: 'RetractEvent'; eventId: string; reason: string; by: string }
  | { type: 'CorrectEvent'; eventId: string; changes: CorrectableFields; reason: string; by: string };

export function decideArticle(command: ArticleCommand, state: ArticleState): ArticleStreamEvent[] {
  switch (command.type) {
    case 'ReceiveArticle':
      if (state.status !== 'none') return []; // the same article again: nothing new
      return [{ type: 'ArticleReceived', data: command.article }];

    case 'RecordCoding':
      return recordCoding(state, command.coderVersion, command.events, {
        language: command.language,
        requestedBy: command.requestedBy,
      });

    case 'RecordUnsupportedLanguage':
      // Nothing was looked for: recorded as a coding with no event, so that re-coding
      // (with a coder that reads the language) works as for any other article.
      return recordCoding(state, command.coderVersion, [], {
        language: command.language,
        unsupportedLanguage: true,
        requestedBy: command.requestedBy,
      });

    case 'RecordCodingFailure': {
      const articleId = requireReceived(state);
      if (isCoded(state)) return [];
      return [{ type: 'ArticleCodingFailed', data: { articleId, reason: command.reason, attempts: command.attempts } }];
    }

    case 'RequestRecode': {
      const articleId = requireReceived(state);
      return [
        {
          type: 'ArticleRecodeRequested',
          data: { articleId, requestedBy: command.requestedBy, reason: command.reason },
        },
      ];
    }

    case 'RetractEvent': {
      const articleId = requireReceived(state);
      if (state.retracted.has(command.eventId)) return [];
      requireActiveEvent(state, command.eventId);
      return [
        {
          type: 'EventRetracted',
          data: { eventId: command.eventId, articleId, reason: command.reason, by: command.by },
        },
      ];
    }

    case 'CorrectEvent': {
      const articleId = requireReceived(state);
      requireActiveEvent(state, command.eventId);
      if (command.changes.type !== undefined && !isEventType(command.changes.type)) {
        throw new DomainError('invalid-correction', `unknown event type ${String(command.changes.type)}`);
      }
      if (Object.keys(command.changes).length === 0)
        throw new DomainError('invalid-correction', 'a correction must change at least one field');
      return [
        {
          type: 'EventCorrected',
          data: {
            eventId: command.eventId,
            articleId,
            changes: command.changes,
            reason: command.reason,
            by: command.by,
          },
        },
      ];
    }
  }
}

/** Coded, in a language the coder reads or not: a late failure changes nothing. */
const isCoded = (state: ArticleState): boolean => state.status === 'coded' || state.status === 'unsupported-language';

function recordCoding(
  state: ArticleState,
  coderVersion: string,
  events: CodedEventRecorded[],
  options: { language?: string; unsupportedLanguage?: true; requestedBy?: string },
): ArticleStreamEvent[] {
  const articleId = requireReceived(state);
  const isRecode = isCoded(state);
  // Coding the same article twice at the same coder version adds nothing (unless a re-code was asked for).
  if (isRecode && state.coderVersion === coderVersion && !state.recodeRequested) return [];
  const newIds = new Set(events.map((e) => e.eventId));
  const previousIds = [...state.activeEvents.keys()];
  const added = events.filter((e) => !state.activeEvents.has(e.eventId) && !state.retracted.has(e.eventId));
  const dropped = previousIds.filter((id) => !newIds.has(id));
  const coded: ArticleCoded = {
    articleId,
    coderVersion,
    eventIds: events.map((e) => e.eventId),
    ...(options.language !== undefined && { language: options.language }),
    ...(options.unsupportedLanguage && { unsupportedLanguage: true }),
    ...(isRecode && {
      recode: {
        previousCoderVersion: state.coderVersion!,
        added: added.map((e) => e.eventId),
        retracted: dropped,
        unchanged: previousIds.filter((id) => newIds.has(id)),
        requestedBy: state.recodeRequested?.requestedBy ?? options.requestedBy ?? 'coder',
      },
    }),
  };
  return [
    { type: 'ArticleCoded', data: coded },
    ...added.map((event) => ({ type: event.type, data: event }) as ArticleStreamEvent),
    ...dropped.map((eventId) => ({
      type: 'EventRetracted' as const,
      data: {
        eventId,
        articleId,
        reason: `re-coded with coder ${coderVersion}: no longer found`,
        by: coded.recode!.requestedBy,
      },
    })),
  ];
}

export function evolveArticle(state: ArticleState, event: ArticleStreamEvent): ArticleState {
  switch (event.type) {
    case 'ArticleReceived':
      return { ...state, status: 'received', articleId: event.data.articleId, received: event.data };
    case 'ArticleCoded':
      return {
        ...state,
        status: event.data.unsupportedLanguage ? 'unsupported-language' : 'coded',
        coderVersion: event.data.coderVersion,
        recodeRequested: undefined,
      };
    case 'ArticleCodingFailed':
      return isCoded(state) ? state : { ...state, status: 'failed' };
    case 'ArticleRecodeRequested':
      return { ...state, recodeRequested: { requestedBy: event.data.requestedBy, reason: event.data.reason } };
    case 'EventRetracted': {
      const activeEvents = new Map(state.activeEvents);
      activeEvents.delete(event.data.eventId);
      return { ...state, activeEvents, retracted: new Set(state.retracted).add(event.data.eventId) };
    }
    case 'EventCorrected': {
      const current = state.activeEvents.get(event.data.eventId);
      if (!current) return state;
      const activeEvents = new Map(state.activeEvents).set(
        event.data.eventId,
        applyCorrection(current, event.data.changes),
      );
      return { ...state, activeEvents };
    }
    default: {
      const activeEvents = new Map(state.activeEvents).set(event.data.eventId, event.data);
      return { ...state, activeEvents };
    }
  }
}

/** The article stream's decider, as the event store's command handler takes it. */
export const articleDecider: Decider<ArticleState, ArticleCommand, ArticleStreamEvent> = {
  decide: decideArticle,
  evolve: evolveArticle,
  initialState: initialArticleState,
};

export const foldArticle = (events: readonly ArticleStreamEvent[]): ArticleState =>
  events.reduce(evolveArticle, initialArticleState());

/** A correction replaces whole fields; the catalog codes follow a changed type. */
export function applyCorrection(event: CodedEventRecorded, changes: CorrectableFields): CodedEventRecorded {
  const corrected = { ...event, ...changes } as CodedEventRecorded;
  if (changes.type && changes.type !== event.type) {
    const info = EVENT_TYPES[changes.type];
    corrected.cameo = info.cameo;
    corrected.goldstein = info.goldstein;
    corrected.plover = info.plover;
  }
  return corrected;
}

function requireReceived(state: ArticleState): string {
  if (state.status === 'none' || !state.articleId) throw new DomainError('article-not-found', 'no such article');
  return state.articleId;
}

function requireActiveEvent(state: ArticleState, eventId: string): void {
  if (!state.activeEvents.has(eventId)) {
    throw new DomainError(
      state.retracted.has(eventId) ? 'event-retracted' : 'event-not-found',
      `event ${eventId} is ${state.retracted.has(eventId) ? 'retracted' : 'not in this article'}`,
    );
  }
}
