import { type Kysely, sql } from 'kysely';

// The event log, shaped as in Emmett and eugene-khyst/postgresql-event-sourcing.
// transaction_id is what makes log consumers safe: see libs/event-store/src/consumers.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table streams (
      stream_id  text primary key,
      version    bigint not null check (version >= 0),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table events (
      global_position bigint generated always as identity primary key,
      transaction_id  xid8 not null default pg_current_xact_id(),
      stream_id       text not null,
      stream_version  bigint not null check (stream_version >= 1),
      event_id        uuid not null unique,
      type            text not null,
      data            jsonb not null,
      metadata        jsonb not null,
      recorded_at     timestamptz not null default now(),
      unique (stream_id, stream_version)
    )`.execute(db);
  await sql`create index events_log_order on events (transaction_id, global_position)`.execute(db);
  await sql`create index events_type on events (type)`.execute(db);
  await sql`
    create table consumer_checkpoints (
      consumer        text primary key,
      transaction_id  xid8 not null,
      global_position bigint not null,
      updated_at      timestamptz not null default now()
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table consumer_checkpoints`.execute(db);
  await sql`drop table events`.execute(db);
  await sql`drop table streams`.execute(db);
}
