import { type Kysely, sql } from 'kysely';

// The read side at scale (issue #12): full-text search over articles, and the
// index the default event list (newest recorded first) pages through.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Title weighs more than the text. The text is cut at 200,000 characters: a
  // tsvector is limited to 1 MB, and a longer article is found by its start.
  // A generated column, so the articles projection (and a blue/green rebuild,
  // which copies the table `including all`) keeps it without knowing.
  await sql`
    alter table read_articles add column search tsvector generated always as (
      setweight(to_tsvector('english', title), 'A') ||
      setweight(to_tsvector('english', left(text, 200000)), 'B')) stored`.execute(db);
  await sql`create index read_articles_search on read_articles using gin (search)`.execute(db);
  await sql`create index read_events_current_position on read_events (log_position) where recorded_to is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists read_events_current_position`.execute(db);
  await sql`drop index if exists read_articles_search`.execute(db);
  await sql`alter table read_articles drop column if exists search`.execute(db);
}
