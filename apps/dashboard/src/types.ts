// Shapes of the API's answers (apps/api/src/read-api/responses.ts and friends).

export interface Actor {
  name: string;
  id: string;
  country: string;
  sector: string;
}

export interface DateInterval {
  start: string;
  end: string;
  precision: string;
  text?: string;
}

export interface Span {
  start: number;
  end: number;
  text: string;
}

export interface HistoryEntry {
  kind: 'correction' | 'retraction';
  changes?: Record<string, unknown>;
  reason: string;
  by: string;
  recordedAt: string;
  version: number;
}

export interface EventView {
  eventId: string;
  articleId: string;
  type: string;
  agent: Actor[];
  target: Actor[];
  date: DateInterval;
  location: { name: string; country: string } | null;
  modality: string;
  evidence: Span[];
  attribution: string | null;
  confidence: number;
  cameo: string | null;
  goldstein: number | null;
  plover: string | null;
  links: string[];
  caption: boolean;
  coderVersion: string;
  status: 'active' | 'retracted';
  recordedAt: string;
  versionRecordedAt: string;
  history: HistoryEntry[];
}

export interface ArticleSummary {
  id: string;
  url: string;
  title: string;
  outlet: string;
  publishedAt: string;
  status: 'received' | 'coded' | 'unsupported-language' | 'failed';
  failureReason: string | null;
  coderVersion: string | null;
  /** ISO 639-1 code the coder read the text as; null before coding. */
  language: string | null;
  recodeRequested: { requestedBy: string; reason?: string } | null;
  eventCount: number;
  retractedEventCount: number;
  receivedAt: string;
  codedAt: string | null;
}

export interface ArticleDetail extends ArticleSummary {
  text: string;
  events: EventView[];
  history: { streamVersion: number; type: string; recordedAt: string; eventId: string; subject?: string; by?: string; reason?: string }[];
}

export interface Page<T> {
  items: T[];
  limit: number;
  offset: number;
  next: string | null;
  asOf: string | null;
}

export interface ActorDossier {
  actor: Actor;
  asAgent: number;
  asTarget: number;
  counterparts: { id: string; name: string; country: string; events: number; goldsteinSum: number }[];
  goldsteinByMonth: { month: string; events: number; goldsteinAsAgent: number; goldsteinAsTarget: number; goldsteinTotal: number }[];
  events: EventView[];
  asOf: string | null;
}

export interface IncidentSource {
  articleId: string;
  title: string;
  outlet: string;
  url: string;
  publishedAt: string;
  /** The article's events in this incident. */
  eventIds: string[];
}

/** An analyst's merge or split that concerned an incident (libs/read-models/src/incidents). */
export interface IncidentCorrection {
  kind: 'merged' | 'split';
  by: string;
  reason: string;
  recordedAt: string;
  logPosition: string;
  /** Merged: the incidents merged, and the one kept. */
  incidentIds?: string[];
  into?: string;
  /** Split: the incident split, the new one, and the events moved into it. */
  from?: string;
  to?: string;
  eventIds?: string[];
}

export interface IncidentView {
  incidentId: string;
  type: string;
  dateStart: string;
  dateEnd: string;
  agentCountries: string[];
  targetCountries: string[];
  agents: Actor[];
  targets: Actor[];
  sourceCount: number;
  outletCount: number;
  eventCount: number;
  sources: IncidentSource[];
  /** Merges and splits concerning it, oldest first. */
  history: IncidentCorrection[];
}

export interface ConsumerStatusView {
  consumer: string;
  transactionId: string;
  globalPosition: string;
  updatedAt: string | null;
  lagEvents: number;
  lagSeconds: number;
  runningHere: boolean;
  leader: boolean;
}

export interface QueueCounts {
  name: string;
  counts: Record<string, number>;
  failed: { id: string; name: string; failedReason: string; attemptsMade: number; finishedOn: number | null }[];
  error?: string;
}

export interface OperationsStats {
  generatedAt: string;
  articlesPerHour: { hour: string; articles: number }[];
  eventsPerType: { type: string; events: number }[];
  articlesByStatus: Record<string, number>;
  alertsSent: { hour: string; alerts: number }[] | null;
  logPosition: string;
}

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
  items: { seen: number; ingested: number; duplicate: number; skippedNoLink: number; invalid: number };
}

export interface Catalog {
  eventTypes: string[];
  modalities: string[];
  sectors: string[];
  precisions: string[];
  queues: string[];
}

export interface RebuildView {
  rebuildId: string;
  consumer: string;
  status: string;
  requestedBy: string;
  reason: string | null;
  requestedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  processed: number;
  remaining: number | null;
  error: string | null;
}
