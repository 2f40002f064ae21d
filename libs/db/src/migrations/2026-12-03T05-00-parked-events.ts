import { type Kysely, sql } from 'kysely';

// Events a log consumer could not apply after its retries: parked with the
// error so the consumer goes on, shown on the operations page, replayable
// after a fix (a ParkedEventReplayRequested event in the log asks for it).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table parked_events (
      parked_id            uuid primary key default gen_random_uuid(),
      consumer             text not null,
      event_id             uuid not null,
      global_position      bigint not null,
      transaction_id       xid8 not null,
      stream_id            text not null,
      event_type           text not null,
      error                text not null,
      attempts             integer not null check (attempts >= 1),
      first_failed_at      timestamptz not null,
      last_failed_at       timestamptz not null,
      status               text not null default 'parked' check (status in ('parked', 'replay-requested', 'replayed')),
      replay_requested_by  text,
      replay_requested_at  timestamptz,
      replayed_at          timestamptz,
      unique (consumer, event_id)
    )`.execute(db);
  await sql`create index parked_events_open on parked_events (consumer) where status <> 'replayed'`.execute(db);
  await sql`create index parked_events_recent on parked_events (last_failed_at desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table parked_events`.execute(db);
}
