import { type Kysely, sql } from 'kysely';

// Read models projected from the article streams (libs/read-models).
// Every row that can change is versioned by recorded time: `recorded_from` is the
// recorded_at of the event that made this version, `recorded_to` that of the event
// that replaced it (null while current). "As recorded before T" is then a WHERE
// clause: recorded_from < T and (recorded_to is null or recorded_to >= T).
// Versions that opened and closed in one transaction (same recorded_at) never match,
// which is right: nobody could have seen them.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Idempotency under replay: each projection remembers the last stream version it
  // applied per stream, and skips anything at or below it.
  await sql`
    create table read_stream_progress (
      projection text not null,
      stream_id  text not null,
      version    bigint not null,
      primary key (projection, stream_id)
    )`.execute(db);

  // What ArticleReceived says never changes (the decider receives an article once).
  await sql`
    create table read_articles (
      article_id   text primary key,
      url          text not null,
      title        text not null,
      outlet       text not null,
      published_at text not null,
      text         text not null,
      content_hash text not null,
      received_at  timestamptz not null
    )`.execute(db);
  await sql`create index read_articles_outlet on read_articles (outlet)`.execute(db);
  await sql`create index read_articles_received on read_articles (received_at, article_id)`.execute(db);

  await sql`
    create table read_article_states (
      article_id      text not null references read_articles on delete cascade,
      version         integer not null,
      status          text not null check (status in ('received', 'coded', 'failed')),
      failure_reason  text,
      failure_attempts integer,
      coder_version   text,
      coded_at        timestamptz,
      recode_requested jsonb,
      recorded_from   timestamptz not null,
      recorded_to     timestamptz,
      primary key (article_id, version)
    )`.execute(db);
  await sql`create unique index read_article_states_current on read_article_states (article_id) where recorded_to is null`.execute(
    db,
  );

  // One row per version of a coded event: the catalog fields as coded or corrected,
  // plus flattened columns to filter on.
  await sql`
    create table read_events (
      event_id         text not null,
      version          integer not null,
      article_id       text not null,
      log_position     bigint not null,
      coder_version    text not null,
      type             text not null,
      agent            jsonb not null,
      target           jsonb not null,
      date             jsonb not null,
      location         jsonb,
      modality         text not null,
      evidence         jsonb not null,
      attribution      text,
      confidence       double precision not null,
      cameo            text,
      goldstein        double precision,
      plover           text,
      links            jsonb,
      caption          boolean not null default false,
      agent_countries  text[] not null,
      target_countries text[] not null,
      agent_ids        text[] not null,
      target_ids       text[] not null,
      date_start       date not null,
      date_end         date not null,
      status           text not null check (status in ('active', 'retracted')),
      change           jsonb,
      first_recorded_at timestamptz not null,
      recorded_from    timestamptz not null,
      recorded_to      timestamptz,
      primary key (event_id, version)
    )`.execute(db);
  await sql`create unique index read_events_current on read_events (event_id) where recorded_to is null`.execute(db);
  await sql`create index read_events_article on read_events (article_id)`.execute(db);
  await sql`create index read_events_type on read_events (type, date_start)`.execute(db);
  await sql`create index read_events_dates on read_events (date_start, date_end)`.execute(db);
  await sql`create index read_events_agent_countries on read_events using gin (agent_countries)`.execute(db);
  await sql`create index read_events_target_countries on read_events using gin (target_countries)`.execute(db);
  await sql`create index read_events_agent_ids on read_events using gin (agent_ids)`.execute(db);
  await sql`create index read_events_target_ids on read_events using gin (target_ids)`.execute(db);

  // Incidents: the working state the clustering runs on (current only) ...
  await sql`
    create table read_incident_candidates (
      event_id         text primary key,
      article_id       text not null,
      seq              bigint not null,
      type             text not null,
      is_symmetric     boolean not null,
      agent_countries  text[] not null,
      target_countries text[] not null,
      date_start       date not null,
      date_end         date not null,
      active           boolean not null,
      incident_id      text
    )`.execute(db);
  await sql`create index read_incident_candidates_match on read_incident_candidates (type, date_start, date_end) where active`.execute(
    db,
  );
  await sql`create index read_incident_candidates_incident on read_incident_candidates (incident_id)`.execute(db);
  // ... and the membership, versioned, which is what the API reads.
  await sql`
    create table read_incident_members (
      incident_id   text not null,
      event_id      text not null,
      article_id    text not null,
      recorded_from timestamptz not null,
      recorded_to   timestamptz
    )`.execute(db);
  await sql`create unique index read_incident_members_current on read_incident_members (event_id) where recorded_to is null`.execute(
    db,
  );
  await sql`create index read_incident_members_incident on read_incident_members (incident_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'read_incident_members',
    'read_incident_candidates',
    'read_events',
    'read_article_states',
    'read_articles',
    'read_stream_progress',
  ]) {
    await sql`drop table ${sql.table(table)}`.execute(db);
  }
}
