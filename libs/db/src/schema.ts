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

export interface Database {
  events: EventsTable;
  streams: StreamsTable;
  consumer_checkpoints: ConsumerCheckpointsTable;
  article_keys: ArticleKeysTable;
}
