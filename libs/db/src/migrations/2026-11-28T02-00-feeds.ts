import { type Kysely, sql } from 'kysely';

// Pull ingest: the poller's working state per registered feed. Registrations
// and removals are also events (stream feed-<id>); this table is what the
// poller and the API read and update on every poll.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table feeds (
      feed_id                uuid primary key,
      url                    text not null unique,
      outlet                 text not null,
      poll_interval_seconds  integer not null check (poll_interval_seconds >= 60),
      registered_by          text not null,
      registered_at          timestamptz not null default now(),
      last_polled_at         timestamptz,
      last_success_at        timestamptz,
      last_error             text,
      last_error_at          timestamptz,
      etag                   text,
      last_modified          text,
      items_seen             bigint not null default 0,
      items_ingested         bigint not null default 0,
      items_duplicate        bigint not null default 0,
      items_skipped          bigint not null default 0,
      items_invalid          bigint not null default 0,
      last_poll              jsonb
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table feeds`.execute(db);
}
