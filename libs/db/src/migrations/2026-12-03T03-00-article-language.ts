import { type Kysely, sql } from 'kysely';

// An article in a language the coder does not read is `unsupported-language`,
// not `coded` with nothing; the language the coder read an article as is kept
// beside its status. The status check is found by what it checks, not by name:
// a blue/green rebuild's tables carry the check under the name they were copied with.
export async function up(db: Kysely<unknown>): Promise<void> {
  await dropStatusChecks(db);
  await sql`
    alter table read_article_states
      add constraint read_article_states_status_check
        check (status in ('received', 'coded', 'unsupported-language', 'failed')),
      add column language text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from read_article_states where status = 'unsupported-language'`.execute(db);
  await dropStatusChecks(db);
  await sql`
    alter table read_article_states
      add constraint read_article_states_status_check check (status in ('received', 'coded', 'failed')),
      drop column language`.execute(db);
}

async function dropStatusChecks(db: Kysely<unknown>): Promise<void> {
  await sql`
    do $$
    declare name text;
    begin
      for name in
        select conname from pg_constraint
        where conrelid = 'read_article_states'::regclass and contype = 'c' and pg_get_constraintdef(oid) like '%status%'
      loop
        execute format('alter table read_article_states drop constraint %I', name);
      end loop;
    end $$`.execute(db);
}
