import { type Transaction, sql } from 'kysely';
import type { Database } from '#db';
import type { StoredEvent } from '#event-store';

/**
 * Replays must not apply an event twice (a reset checkpoint, a crash between
 * batches of another consumer sharing the tables). Events of one stream reach a
 * consumer in stream-version order, so remembering the last applied version per
 * stream is enough to make every projection idempotent.
 */
export async function applyOnce(
  trx: Transaction<Database>,
  projection: string,
  events: readonly StoredEvent[],
  apply: (event: StoredEvent) => Promise<void>,
): Promise<void> {
  await applyOnceAll(trx, projection, events, async (fresh) => {
    for (const event of fresh) await apply(event);
  });
}

/** The same, handing over every event not applied yet in one call (for projections that write a batch in a few statements). */
export async function applyOnceAll(
  trx: Transaction<Database>,
  projection: string,
  events: readonly StoredEvent[],
  applyAll: (fresh: StoredEvent[]) => Promise<void>,
): Promise<void> {
  const streamIds = [...new Set(events.map((e) => e.streamId))];
  if (streamIds.length === 0) return;
  const rows = await trx
    .selectFrom('read_stream_progress')
    .select(['stream_id', 'version'])
    .where('projection', '=', projection)
    .where('stream_id', 'in', streamIds)
    .execute();
  const applied = new Map(rows.map((r) => [r.stream_id, Number(r.version)]));
  const fresh: StoredEvent[] = [];
  for (const event of events) {
    const before = applied.get(event.streamId) ?? 0;
    // A parked event run again (an admin's replay) comes after later events of its stream: let it through.
    if (event.streamVersion <= before && !event.replayed) continue;
    fresh.push(event);
    applied.set(event.streamId, Math.max(before, event.streamVersion));
  }
  if (fresh.length === 0) return;
  await applyAll(fresh);
  const moved = new Map<string, number>();
  for (const e of fresh) moved.set(e.streamId, Math.max(moved.get(e.streamId) ?? 0, e.streamVersion));
  await trx
    .insertInto('read_stream_progress')
    .values([...moved].map(([stream_id, version]) => ({ projection, stream_id, version })))
    .onConflict((oc) =>
      oc
        .columns(['projection', 'stream_id'])
        .doUpdateSet({ version: sql`greatest(read_stream_progress.version, excluded.version)` }),
    )
    .execute();
}
