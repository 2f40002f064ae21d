import { type Kysely, sql } from 'kysely';

// The items a feed's polls had to skip, with why (a bad date, a bad link, too
// large, unreadable): the latest few per feed, so a publisher's one broken
// entry is visible on the feed instead of stopping it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table feeds add column item_errors jsonb not null default '[]'::jsonb`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table feeds drop column item_errors`.execute(db);
}
