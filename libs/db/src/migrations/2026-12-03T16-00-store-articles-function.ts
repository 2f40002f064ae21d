import { type Kysely, sql } from 'kysely';

// Ingest's durable write as one statement: a group of articles' dedup keys
// (webhook-id, URL, text hash) and their ArticleReceived streams, so a
// delivery (or a group of them) costs one round trip and its own commit
// instead of BEGIN, keys, append, COMMIT. Articles are taken in order; an
// article any of whose keys is already taken (stored before, by an earlier
// article of the same call, or by a concurrent transaction once that commits)
// keeps none of them and writes nothing: it is reported as not stored, and
// the caller looks up which article it repeats. The streams of the articles
// kept are appended by append_to_streams (expected version 0, no pg_notify:
// the caller wakes consumers after the commit). A stream that exists although
// its keys were free fails the whole call (nothing written), as any refused
// row does; the caller then stores the articles one by one.
// Arrays in: article i has stream stream_ids[i], the keys whose key_owners is
// i and the events whose event_owners is i (event_numbers: 1, 2, … within it).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function store_articles(
      article_ids uuid[], stream_ids text[], key_owners int[], key_names text[],
      event_owners int[], event_numbers bigint[], event_ids uuid[], event_types text[],
      event_data jsonb[], event_metadata jsonb[])
    returns table (article_index int, article_stored boolean)
    language plpgsql
    -- Plan once per connection (see append_to_streams): planning costs more than these statements.
    set plan_cache_mode = force_generic_plan
    as $$
    declare
      i int;
      wanted int;
      taken text[];
      kept int[] := '{}';
      flags boolean[] := '{}';
      moved int;
    begin
      for i in 1 .. coalesce(cardinality(article_ids), 0) loop
        -- A key inserted by a concurrent transaction makes this wait for it, then conflict (or succeed if it rolled back).
        with inserted as (
          insert into article_keys (key, article_id)
          select k.name, article_ids[i] from unnest(key_names, key_owners) as k(name, owner) where k.owner = i
          on conflict (key) do nothing
          returning key)
        select coalesce(array_agg(inserted.key), '{}') into taken from inserted;
        select count(*) into wanted from unnest(key_owners) as o(owner) where o.owner = i;
        if cardinality(taken) < wanted then
          -- A duplicate: give back the keys it did get, so a key exists exactly when its article does.
          delete from article_keys where key = any(taken);
          flags := flags || false;
        else
          kept := kept || i;
          flags := flags || true;
        end if;
      end loop;

      if cardinality(kept) > 0 then
        with mine as (
          select e.* from unnest(event_owners, event_numbers, event_ids, event_types, event_data, event_metadata)
               with ordinality as e(owner, n, event_id, type, data, metadata, ord)
          where e.owner = any(kept)),
        counts as (select owner, count(*) as events from mine group by owner order by owner)
        select count(*) into moved from append_to_streams(
          (select array_agg(stream_ids[c.owner] order by c.owner) from counts c),
          array_fill(0::bigint, array[cardinality(kept)]),
          (select array_agg(c.events order by c.owner) from counts c),
          (select array_agg(stream_ids[m.owner] order by m.ord) from mine m),
          (select array_agg(m.n order by m.ord) from mine m),
          (select array_agg(m.event_id order by m.ord) from mine m),
          (select array_agg(m.type order by m.ord) from mine m),
          (select array_agg(m.data order by m.ord) from mine m),
          (select array_agg(m.metadata order by m.ord) from mine m),
          false);
        if moved < cardinality(kept) then
          raise exception 'store_articles: an article stream exists although its keys were free'
            using errcode = 'unique_violation';
        end if;
      end if;

      return query select f.ord::int, f.flag from unnest(flags) with ordinality as f(flag, ord);
    end
    $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop function store_articles(uuid[], text[], int[], text[], int[], bigint[], uuid[], text[], jsonb[], jsonb[])`.execute(
    db,
  );
}
