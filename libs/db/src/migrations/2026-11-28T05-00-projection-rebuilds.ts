import { type Kysely, sql } from 'kysely';

// Progress of blue/green projection rebuilds, for the operations page. The
// request itself is an event (ProjectionRebuildRequested) in the log.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table projection_rebuilds (
      rebuild_id   uuid primary key,
      consumer     text not null,
      status       text not null check (status in ('requested', 'running', 'swapped', 'failed')),
      requested_by text not null,
      reason       text,
      requested_at timestamptz not null default now(),
      started_at   timestamptz,
      finished_at  timestamptz,
      processed    bigint not null default 0,
      remaining    bigint,
      error        text
    )`.execute(db);
  // One rebuild of a projection at a time.
  await sql`create unique index projection_rebuilds_active on projection_rebuilds (consumer) where status in ('requested', 'running')`.execute(
    db,
  );
  await sql`create index projection_rebuilds_recent on projection_rebuilds (requested_at desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table projection_rebuilds`.execute(db);
}
