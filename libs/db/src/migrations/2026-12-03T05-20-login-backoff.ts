import { type Kysely, sql } from 'kysely';

// Per-account login backoff (libs/auth): wrong passwords in a row per email
// (admin or not, so nothing is told about which emails exist) and until when
// that email must wait.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table login_backoff (
      email            text primary key,
      failures         integer not null,
      last_failure_at  timestamptz not null,
      locked_until     timestamptz
    )`.execute(db);
  await sql`create index login_backoff_last_failure on login_backoff (last_failure_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table login_backoff`.execute(db);
}
