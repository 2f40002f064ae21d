import { type Kysely, sql } from 'kysely';

// Alerts (libs/alerts). Three kinds of table, kept apart on purpose:
// - alert_subscriptions: current state of each subscription (the API writes it in
//   the same transaction as the subscription's event); the rule index loads it.
// - alerts: the alert projection's read model, versioned by recorded time like the
//   other read models; a rebuild may empty and refill it.
// - alert_deliveries / alert_delivery_attempts / alert_dead_letters: what was sent.
//   Never rebuilt: this is why a projection rebuild never sends an alert twice.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table alert_subscriptions (
      subscription_id  uuid primary key,
      name             text not null,
      rule             jsonb not null,
      deliver_to_queue boolean not null,
      webhook_url      text,
      webhook_secret   text,
      notify_on_update boolean not null default false,
      version          integer not null,
      created_at       timestamptz not null,
      created_by       text not null,
      updated_at       timestamptz not null,
      updated_by       text not null,
      deleted_at       timestamptz,
      deleted_by       text,
      check ((webhook_url is null) = (webhook_secret is null))
    )`.execute(db);

  await sql`
    create table alerts (
      alert_id          uuid not null,
      version           integer not null,
      subscription_id   uuid not null,
      incident_id       text not null,
      status            text not null check (status in ('active', 'retracted')),
      event_type        text not null,
      event_ids         text[] not null,
      article_ids       text[] not null,
      source_count      integer not null,
      outlet_count      integer not null,
      explanation       jsonb not null,
      retraction        jsonb,
      first_recorded_at timestamptz not null,
      recorded_from     timestamptz not null,
      recorded_to       timestamptz,
      primary key (alert_id, version)
    )`.execute(db);
  await sql`create unique index alerts_current on alerts (alert_id) where recorded_to is null`.execute(db);
  await sql`create index alerts_subscription on alerts (subscription_id, first_recorded_at)`.execute(db);
  await sql`create index alerts_first_recorded on alerts (first_recorded_at, alert_id)`.execute(db);
  await sql`create index alerts_event_ids on alerts using gin (event_ids) where recorded_to is null`.execute(db);
  await sql`create index alerts_incident on alerts (incident_id) where recorded_to is null`.execute(db);

  // One row per (alert, revision) sent to a webhook.
  await sql`
    create table alert_deliveries (
      alert_id        uuid not null,
      revision        integer not null,
      webhook_id      text not null,
      subscription_id uuid not null,
      kind            text not null,
      state           text not null check (state in ('pending', 'delivered', 'dead')),
      attempts        integer not null default 0,
      replays         integer not null default 0,
      message         jsonb not null,
      created_at      timestamptz not null default now(),
      delivered_at    timestamptz,
      last_error      text,
      primary key (alert_id, revision)
    )`.execute(db);
  await sql`create index alert_deliveries_state on alert_deliveries (state, created_at)`.execute(db);

  await sql`
    create table alert_delivery_attempts (
      id          bigint generated always as identity primary key,
      alert_id    uuid not null,
      revision    integer not null,
      attempt     integer not null,
      url         text not null,
      started_at  timestamptz not null,
      finished_at timestamptz,
      status_code integer,
      latency_ms  integer,
      ok          boolean,
      error       text
    )`.execute(db);
  await sql`create index alert_delivery_attempts_alert on alert_delivery_attempts (alert_id, revision, id)`.execute(db);

  await sql`
    create table alert_dead_letters (
      alert_id        uuid not null,
      revision        integer not null,
      subscription_id uuid not null,
      failed_at       timestamptz not null default now(),
      attempts        integer not null,
      last_error      text,
      replayed_at     timestamptz,
      replayed_by     text,
      primary key (alert_id, revision, failed_at)
    )`.execute(db);
  await sql`create index alert_dead_letters_open on alert_dead_letters (alert_id) where replayed_at is null`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'alert_dead_letters',
    'alert_delivery_attempts',
    'alert_deliveries',
    'alerts',
    'alert_subscriptions',
  ]) {
    await sql`drop table ${sql.table(table)}`.execute(db);
  }
}
