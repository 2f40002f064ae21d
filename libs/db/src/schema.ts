import type { ColumnType, Generated } from 'kysely';

/**
 * The Kysely view of every table. One interface per table, grouped by the
 * capability that owns it; each capability adds its tables here and a
 * migration under ./migrations.
 */

/** xid8 travels as a decimal string: it can exceed 2^53. */
export type Xid8 = string;
/** bigint columns travel as strings from pg; we convert at the edges. */
type Int8 = ColumnType<string, string | number | bigint, string | number | bigint>;

export interface EventsTable {
  global_position: ColumnType<string, never, never>;
  transaction_id: ColumnType<Xid8, never, never>;
  stream_id: string;
  stream_version: Int8;
  event_id: string;
  type: string;
  data: ColumnType<unknown, string, never>;
  metadata: ColumnType<unknown, string, never>;
  recorded_at: ColumnType<Date, never, never>;
}

export interface StreamsTable {
  stream_id: string;
  version: Int8;
  updated_at: Generated<Date>;
}

export interface ConsumerCheckpointsTable {
  consumer: string;
  transaction_id: Xid8;
  global_position: Int8;
  updated_at: Generated<Date>;
}

/** Ingest: one article per webhook-id, normalised URL and text hash. */
export interface ArticleKeysTable {
  key: string;
  article_id: string;
  created_at: Generated<Date>;
}

/** Pull ingest (libs/feeds): one row per registered feed, the poller's state. */
export interface FeedsTable {
  feed_id: string;
  url: string;
  outlet: string;
  poll_interval_seconds: number;
  registered_by: string;
  registered_at: Generated<Date>;
  last_polled_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  last_success_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  last_error: string | null;
  last_error_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  etag: string | null;
  last_modified: string | null;
  items_seen: ColumnType<string, never, string | number | bigint>;
  items_ingested: ColumnType<string, never, string | number | bigint>;
  items_duplicate: ColumnType<string, never, string | number | bigint>;
  items_skipped: ColumnType<string, never, string | number | bigint>;
  items_invalid: ColumnType<string, never, string | number | bigint>;
  /** Counts of the latest poll; pg parses jsonb on read, we write JSON text. */
  last_poll: ColumnType<unknown, never, string | null>;
  /** The latest items polls had to skip, with why (jsonb array, newest first). */
  item_errors: ColumnType<unknown, never, string>;
}

/** Admin authentication (libs/auth): users with argon2 hashes, sessions keyed by sha256(token). */
export interface AdminUsersTable {
  id: Generated<string>;
  /** Always lower-case (a check constraint holds it). */
  email: string;
  password_hash: string;
  created_at: Generated<Date>;
  disabled: Generated<boolean>;
}

export interface AdminSessionsTable {
  /** sha256 (hex) of the cookie token; the token itself is never stored. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: Generated<Date>;
  expires_at: Date;
  last_seen_at: Generated<Date>;
}

/** Blue/green projection rebuilds and their progress. */
export interface ProjectionRebuildsTable {
  rebuild_id: string;
  consumer: string;
  status: 'requested' | 'running' | 'swapped' | 'failed';
  requested_by: string;
  reason: string | null;
  requested_at: Generated<Date>;
  started_at: Date | null;
  finished_at: Date | null;
  processed: ColumnType<string, string | number | undefined, string | number>;
  remaining: ColumnType<string | null, string | number | null, string | number | null>;
  error: string | null;
}

export interface Database {
  projection_rebuilds: ProjectionRebuildsTable;
  admin_users: AdminUsersTable;
  admin_sessions: AdminSessionsTable;
  events: EventsTable;
  streams: StreamsTable;
  consumer_checkpoints: ConsumerCheckpointsTable;
  article_keys: ArticleKeysTable;
  feeds: FeedsTable;
}

// ---- Read models (libs/read-models) ---------------------------------------
// Versioned rows: recorded_from/recorded_to are the recorded_at of the events that
// opened and closed the version (see the read-models migration).

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** jsonb: pg parses it on read; we write JSON text. */
type Json<T> = ColumnType<T, string, string>;

export interface ReadStreamProgressTable {
  projection: string;
  stream_id: string;
  version: Int8;
}

export interface ReadArticlesTable {
  article_id: string;
  url: string;
  title: string;
  outlet: string;
  published_at: string;
  text: string;
  content_hash: string;
  received_at: Timestamp;
}

export interface ReadArticleStatesTable {
  article_id: string;
  version: number;
  status: 'received' | 'coded' | 'unsupported-language' | 'failed';
  failure_reason: string | null;
  failure_attempts: number | null;
  coder_version: string | null;
  /** ISO 639-1 code the coder read the article as (null until coded, and for codings before languages were known). */
  language: string | null;
  coded_at: Timestamp | null;
  recode_requested: Json<{ requestedBy: string; reason?: string } | null> | null;
  recorded_from: Timestamp;
  recorded_to: Timestamp | null;
}

export interface ReadEventsTable {
  event_id: string;
  version: number;
  article_id: string;
  /** global_position of the coded event: a stable order. */
  log_position: Int8;
  coder_version: string;
  type: string;
  agent: Json<unknown>;
  target: Json<unknown>;
  date: Json<unknown>;
  location: Json<unknown> | null;
  modality: string;
  evidence: Json<unknown>;
  attribution: string | null;
  confidence: number;
  cameo: string | null;
  goldstein: number | null;
  plover: string | null;
  links: Json<unknown> | null;
  caption: boolean;
  agent_countries: string[];
  target_countries: string[];
  agent_ids: string[];
  target_ids: string[];
  /** For filtering and sorting; select `date` (jsonb) for display, since pg turns a date column into a local-midnight Date. */
  date_start: ColumnType<string, string, string>;
  date_end: ColumnType<string, string, string>;
  status: 'active' | 'retracted';
  /** The correction or retraction that made this version; null for the coded one. */
  change: Json<unknown> | null;
  first_recorded_at: Timestamp;
  recorded_from: Timestamp;
  recorded_to: Timestamp | null;
}

export interface ReadIncidentCandidatesTable {
  event_id: string;
  article_id: string;
  seq: Int8;
  type: string;
  is_symmetric: boolean;
  agent_countries: string[];
  target_countries: string[];
  date_start: ColumnType<string, string, string>;
  date_end: ColumnType<string, string, string>;
  active: boolean;
  incident_id: string | null;
  /** Set by an analyst's merge or split: automatic re-grouping leaves the event in this incident. */
  pinned_incident: string | null;
}

/** Analysts' merges and splits, one row for each incident a correction concerns. */
export interface ReadIncidentHistoryTable {
  incident_id: string;
  log_position: Int8;
  kind: 'merged' | 'split';
  by: string;
  reason: string;
  details: Json<unknown>;
  recorded_at: Timestamp;
}

export interface ReadIncidentMembersTable {
  incident_id: string;
  event_id: string;
  article_id: string;
  recorded_from: Timestamp;
  recorded_to: Timestamp | null;
}

// Declaration merging adds the read-model tables to Database without editing it above.
export interface Database {
  read_stream_progress: ReadStreamProgressTable;
  read_articles: ReadArticlesTable;
  read_article_states: ReadArticleStatesTable;
  read_events: ReadEventsTable;
  read_incident_candidates: ReadIncidentCandidatesTable;
  read_incident_members: ReadIncidentMembersTable;
  read_incident_history: ReadIncidentHistoryTable;
}

// ---- Alerts (libs/alerts) ---------------------------------------------------

export interface AlertSubscriptionsTable {
  subscription_id: string;
  name: string;
  rule: Json<unknown>;
  deliver_to_queue: boolean;
  webhook_url: string | null;
  /** The subscription's own whsec_ secret; never in the event log, never in API answers after creation. */
  webhook_secret: string | null;
  notify_on_update: boolean;
  version: number;
  created_at: Timestamp;
  created_by: string;
  updated_at: Timestamp;
  updated_by: string;
  deleted_at: Timestamp | null;
  deleted_by: string | null;
}

export interface AlertsTable {
  alert_id: string;
  version: number;
  subscription_id: string;
  incident_id: string;
  status: 'active' | 'retracted';
  event_type: string;
  event_ids: string[];
  article_ids: string[];
  source_count: number;
  outlet_count: number;
  /** Inline in versions written before alert_explanations; null when explanation_hash names it there. */
  explanation: Json<unknown> | null;
  explanation_hash: string | null;
  retraction: Json<unknown> | null;
  first_recorded_at: Timestamp;
  recorded_from: Timestamp;
  recorded_to: Timestamp | null;
}

export interface AlertDeliveriesTable {
  alert_id: string;
  revision: number;
  webhook_id: string;
  subscription_id: string;
  kind: string;
  state: 'pending' | 'delivered' | 'dead';
  attempts: Generated<number>;
  replays: Generated<number>;
  message: Json<unknown>;
  created_at: Generated<Date>;
  delivered_at: Timestamp | null;
  last_error: string | null;
}

export interface AlertDeliveryAttemptsTable {
  id: ColumnType<string, never, never>;
  alert_id: string;
  revision: number;
  attempt: number;
  url: string;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  status_code: number | null;
  latency_ms: number | null;
  ok: boolean | null;
  error: string | null;
}

export interface AlertDeadLettersTable {
  alert_id: string;
  revision: number;
  subscription_id: string;
  failed_at: Generated<Date>;
  attempts: number;
  last_error: string | null;
  replayed_at: Timestamp | null;
  replayed_by: string | null;
}

export interface Database {
  alert_subscriptions: AlertSubscriptionsTable;
  alerts: AlertsTable;
  alert_deliveries: AlertDeliveriesTable;
  alert_delivery_attempts: AlertDeliveryAttemptsTable;
  alert_dead_letters: AlertDeadLettersTable;
}

// ---- Parked events (libs/event-store consumers) ---------------------------

export interface ParkedEventsTable {
  parked_id: Generated<string>;
  consumer: string;
  event_id: string;
  global_position: Int8;
  transaction_id: Xid8;
  stream_id: string;
  event_type: string;
  error: string;
  attempts: number;
  first_failed_at: Timestamp;
  last_failed_at: Timestamp;
  status: Generated<'parked' | 'replay-requested' | 'replayed'>;
  replay_requested_by: string | null;
  replay_requested_at: Timestamp | null;
  replayed_at: Timestamp | null;
}

export interface Database {
  parked_events: ParkedEventsTable;
}

// ---- Login backoff (libs/auth) ------------------------------------------------

export interface LoginBackoffTable {
  email: string;
  failures: number;
  last_failure_at: Timestamp;
  locked_until: Timestamp | null;
}

export interface Database {
  login_backoff: LoginBackoffTable;
}
