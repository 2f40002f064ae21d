import type { Db } from '#db';

/** The stream an event was appended to, by the event's id; undefined when no such event is stored. */
export async function streamOfEvent(db: Db, eventId: string): Promise<string | undefined> {
  const row = await db.selectFrom('events').select('stream_id').where('event_id', '=', eventId).executeTakeFirst();
  return row?.stream_id;
}
