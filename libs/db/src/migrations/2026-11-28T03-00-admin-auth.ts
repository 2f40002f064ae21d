import { type Kysely, sql } from 'kysely';

// Admin authentication (libs/auth). Sessions are keyed by the sha256 of the
// cookie token, so a leaked table (or backup) does not hand out live sessions.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table admin_users (
      id             uuid primary key default gen_random_uuid(),
      email          text not null unique check (email = lower(email)),
      password_hash  text not null,
      created_at     timestamptz not null default now(),
      disabled       boolean not null default false
    )`.execute(db);
  await sql`
    create table admin_sessions (
      id            text primary key,
      user_id       uuid not null references admin_users (id) on delete cascade,
      csrf_token    text not null,
      created_at    timestamptz not null default now(),
      expires_at    timestamptz not null,
      last_seen_at  timestamptz not null default now()
    )`.execute(db);
  await sql`create index admin_sessions_user_id on admin_sessions (user_id)`.execute(db);
  await sql`create index admin_sessions_expires_at on admin_sessions (expires_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table admin_sessions`.execute(db);
  await sql`drop table admin_users`.execute(db);
}
