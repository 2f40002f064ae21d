import { type Kysely, sql } from 'kysely';

// Uniqueness reservations of the ingest side: one article per webhook-id, per
// normalised URL and per text hash. Written in the transaction that appends
// ArticleReceived, so a key exists exactly when its article does.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table article_keys (
      key         text primary key,
      article_id  uuid not null,
      created_at  timestamptz not null default now()
    )`.execute(db);
  await sql`create index article_keys_article on article_keys (article_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table article_keys`.execute(db);
}
