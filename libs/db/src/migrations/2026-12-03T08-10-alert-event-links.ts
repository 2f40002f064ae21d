import { type Kysely, sql } from 'kysely';

// Which alerts name an event, for the alert projection's look-up of the alerts a
// batch touches (retractions, corrections, events moved between incidents). It
// was an array-overlap test on alerts.event_ids through a GIN index: with 1,000
// subscriptions every batch fetched thousands of current alerts that way
// (~200 ms a call). A btree on (event_id, alert_id) answers it by index probes.
// A trigger keeps the links, so every writer of alerts (the projection, a
// rebuild refilling the table) maintains them. Links are only ever added: a
// link of an alert version that no longer names the event is harmless, because
// the look-up joins the current alert rows and tests them again.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table alert_event_links (
      event_id    text not null,
      alert_id    uuid not null,
      -- An alert's incident never changes (its id is derived from subscription and incident):
      -- a look-up can leave out the alerts of incidents it loads anyway without reading them.
      incident_id text not null,
      primary key (event_id, alert_id)
    )`.execute(db);
  await sql`
    create function alert_event_links_add() returns trigger language plpgsql as $$
    begin
      insert into alert_event_links (event_id, alert_id, incident_id)
      select distinct e.event_id, v.alert_id, v.incident_id
      from new_versions v cross join unnest(v.event_ids) as e(event_id)
      where v.recorded_to is null
      on conflict do nothing;
      return null;
    end
    $$`.execute(db);
  // One trigger per event: PostgreSQL allows transition tables only on single-event triggers.
  for (const [name, event] of [
    ['alerts_links_on_insert', 'insert'],
    ['alerts_links_on_update', 'update'],
  ] as const) {
    await sql`
      create trigger ${sql.id(name)} after ${sql.raw(event)} on alerts referencing new table as new_versions
      for each statement execute function alert_event_links_add()`.execute(db);
  }
  await sql`
    insert into alert_event_links (event_id, alert_id, incident_id)
    select distinct e.event_id, a.alert_id, a.incident_id from alerts a cross join unnest(a.event_ids) as e(event_id)
    where a.recorded_to is null
    on conflict do nothing`.execute(db);
  await sql`drop index alerts_event_ids`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`create index alerts_event_ids on alerts using gin (event_ids) where recorded_to is null`.execute(db);
  await sql`drop trigger alerts_links_on_update on alerts`.execute(db);
  await sql`drop trigger alerts_links_on_insert on alerts`.execute(db);
  await sql`drop function alert_event_links_add()`.execute(db);
  await sql`drop table alert_event_links`.execute(db);
}
