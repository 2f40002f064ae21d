import { type Kysely, sql } from 'kysely';

// An alert's explanation stored once per content. With many subscriptions on
// one incident every alert version carried its own copy (4.6 kB on average at
// 1,000 subscriptions in bench:projections, 112 MB for 1,000 articles), and
// subscriptions with the same rule have byte-identical explanations. New
// versions name their explanation by hash (sha-256 of its JSON as written);
// rows written before keep theirs inline. Bodies are immutable and never
// deleted: a rebuild that refills alerts finds them already there.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table alert_explanations (hash text primary key, body jsonb not null)`.execute(db);
  await sql`alter table alerts add column explanation_hash text`.execute(db);
  await sql`alter table alerts alter column explanation drop not null`.execute(db);
  await sql`alter table alerts add constraint alerts_explained check (explanation is not null or explanation_hash is not null)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    update alerts a set explanation = x.body, explanation_hash = null
    from alert_explanations x where a.explanation is null and x.hash = a.explanation_hash`.execute(db);
  await sql`alter table alerts drop constraint alerts_explained`.execute(db);
  await sql`alter table alerts alter column explanation set not null`.execute(db);
  await sql`alter table alerts drop column explanation_hash`.execute(db);
  await sql`drop table alert_explanations`.execute(db);
}
