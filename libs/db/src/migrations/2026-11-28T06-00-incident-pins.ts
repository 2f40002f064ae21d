import { type Kysely, sql } from 'kysely';

// Analysts merge and split incidents (IncidentsMerged, IncidentSplit in the log).
// A candidate pinned to an incident stays there: automatic re-grouping neither
// moves it out nor merges its incident into another. The history table records
// each correction for every incident it concerns, for GET /api/incidents/:id.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table read_incident_candidates add column pinned_incident text`.execute(db);
  await sql`
    create table read_incident_history (
      incident_id   text not null,
      log_position  bigint not null,
      kind          text not null check (kind in ('merged', 'split')),
      by            text not null,
      reason        text not null,
      details       jsonb not null,
      recorded_at   timestamptz not null,
      primary key (incident_id, log_position)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table read_incident_history`.execute(db);
  await sql`alter table read_incident_candidates drop column pinned_incident`.execute(db);
}
