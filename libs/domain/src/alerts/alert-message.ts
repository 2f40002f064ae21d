import type { AlertRule, ClauseMatch } from './alert-rule.js';

// The contract downstream consumers code against. The same object is the data
// of the `alerts` queue's jobs (see libs/queue/src/queues.ts), the body of a webhook delivery, and the data of
// the AlertRaised / AlertUpdated / AlertRetracted events in the alert's stream.
// docs/alert-job.schema.json is its JSON Schema. A breaking change gets a new
// `schema` value (newsledger.alert/v2) and a new type beside this one.

export const ALERT_MESSAGE_SCHEMA = 'newsledger.alert/v1';
export type AlertKind = 'raised' | 'updated' | 'retracted';

export interface AlertEvidence {
  start: number;
  end: number;
  text: string;
}

export interface AlertEventExplained {
  eventId: string;
  articleId: string;
  type: string;
  modality: string;
  goldstein: number | null;
  agent: { id: string; name: string; country: string }[];
  target: { id: string; name: string; country: string }[];
  date: { start: string; end: string; precision: string; text?: string };
  /** Offsets into the article text (end exclusive), as coded. */
  evidence: AlertEvidence[];
  /** The clauses of the rule this event satisfied, and what in it satisfied them. */
  matched: ClauseMatch[];
}

export interface AlertArticleLink {
  articleId: string;
  url: string;
  title: string;
  outlet: string;
  publishedAt: string;
  /** This article's page in the newsledger API. */
  apiUrl: string;
}

export interface AlertExplanation {
  rule: AlertRule;
  /** The incident-level clause: independent sources (distinct outlets) required and found. */
  sources: { required: number; outlets: number; articles: number };
  /** The events of the incident that matched the rule, oldest report first: at most 20 (see `omitted`). */
  events: AlertEventExplained[];
  /** The articles reporting the incident, oldest first: at most 20 (see `omitted`). */
  articles: AlertArticleLink[];
  /** Present when an incident has more matching events or articles than an explanation lists: how many were left out. */
  omitted?: { events: number; articles: number };
}

export interface AlertMessageV1 {
  schema: typeof ALERT_MESSAGE_SCHEMA;
  kind: AlertKind;
  alertId: string;
  /** 1 when raised; +1 at each change announced (update, retraction, raise again). */
  revision: number;
  /** The Standard Webhooks webhook-id of this revision (`<alertId>.r<revision>`): drop a duplicate you already handled. */
  webhookId: string;
  subscription: { id: string; name: string };
  incidentId: string;
  status: 'active' | 'retracted';
  /** Type of the incident's matching events. */
  eventType: string;
  /** Articles reporting the incident. */
  sourceCount: number;
  /** Distinct outlets among them (independent sources). */
  outletCount: number;
  /** When the alert was first raised (recorded time, ISO 8601). */
  raisedAt: string;
  /** When this revision was recorded (ISO 8601). */
  recordedAt: string;
  explanation: AlertExplanation;
  /** Present when kind is `retracted`: what took the match away. */
  retraction?: { reason: 'event-retracted' | 'no-longer-matches' | 'merged'; eventIds: string[]; mergedInto?: string };
  links: { alert: string; incident: string };
}

/** The exported name downstream code imports; bump alongside `schema`. */
export type AlertJob = AlertMessageV1;
