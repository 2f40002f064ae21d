import { type Transaction, sql } from 'kysely';
import type { Database, Db } from '#db';
import type { EventStore } from '../event-store.js';
import type { StoredEvent } from '../events.js';
import { type EventRow, toStoredEvent } from '../rows.js';

/**
 * The log event that asks a consumer to run a parked event again. It travels
 * in the log like every other change (who asked, when, why), reaches the
 * consumer's leader in log order, and the re-run commits with the consumer's
 * checkpoint — whichever process runs the consumer, and even if it was down
 * when the admin asked.
 */
export const PARKED_EVENT_REPLAY_REQUESTED = 'ParkedEventReplayRequested';

export interface ParkedEventReplayRequested {
  parkedId: string;
  consumer: string;
  eventId: string;
  requestedBy: string;
  reason?: string;
}

export type ParkedStatus = 'parked' | 'replay-requested' | 'replayed';

export interface ParkedEventView {
  parkedId: string;
  consumer: string;
  eventId: string;
  globalPosition: string;
  transactionId: string;
  streamId: string;
  eventType: string;
  error: string;
  attempts: number;
  firstFailedAt: string;
  lastFailedAt: string;
  status: ParkedStatus;
  replayRequestedBy: string | null;
  replayRequestedAt: string | null;
  replayedAt: string | null;
}

export interface EventFailure {
  error: string;
  attempts: number;
  firstFailedAt: Date;
  lastFailedAt: Date;
}

/** Error text is bounded: a handler may throw with a whole row in its message. */
const MAX_ERROR_CHARS = 2_000;

export const errorText = (error: unknown): string =>
  (error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error)).slice(
    0,
    MAX_ERROR_CHARS,
  );

/** Parks an event in the consumer's transaction (so it commits with the checkpoint that moves past it). */
export async function parkEvent(
  trx: Transaction<Database>,
  consumer: string,
  event: StoredEvent,
  failure: EventFailure,
): Promise<void> {
  await trx
    .insertInto('parked_events')
    .values({
      consumer,
      event_id: event.eventId,
      global_position: event.globalPosition.toString(),
      transaction_id: event.transactionId,
      stream_id: event.streamId,
      event_type: event.type,
      error: failure.error.slice(0, MAX_ERROR_CHARS),
      attempts: failure.attempts,
      first_failed_at: failure.firstFailedAt,
      last_failed_at: failure.lastFailedAt,
    })
    // Parked again (a reset checkpoint): the row says so, and is open again.
    .onConflict((oc) =>
      oc.columns(['consumer', 'event_id']).doUpdateSet((eb) => ({
        error: eb.ref('excluded.error'),
        attempts: sql<number>`parked_events.attempts + excluded.attempts`,
        last_failed_at: eb.ref('excluded.last_failed_at'),
        status: 'parked',
      })),
    )
    .execute();
}

/** Parked events, newest failure first; `open` leaves out those replayed since. */
export async function listParkedEvents(
  db: Db,
  options: { consumer?: string; open?: boolean; limit?: number } = {},
): Promise<ParkedEventView[]> {
  let query = db
    .selectFrom('parked_events')
    .selectAll()
    .orderBy('last_failed_at', 'desc')
    .orderBy('parked_id')
    .limit(options.limit ?? 100);
  if (options.consumer) query = query.where('consumer', '=', options.consumer);
  if (options.open) query = query.where('status', '<>', 'replayed');
  return (await query.execute()).map(toView);
}

export async function getParkedEvent(
  db: Db | Transaction<Database>,
  parkedId: string,
): Promise<ParkedEventView | undefined> {
  if (!UUID.test(parkedId)) return undefined;
  const row = await db.selectFrom('parked_events').selectAll().where('parked_id', '=', parkedId).executeTakeFirst();
  return row && toView(row);
}

/** Events parked and not replayed, per consumer (for /metrics beside the lag). */
export async function openParkedCounts(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('parked_events')
    .select(['consumer', (eb) => eb.fn.countAll<string>().as('n')])
    .where('status', '<>', 'replayed')
    .groupBy('consumer')
    .execute();
  return new Map(rows.map((r) => [r.consumer, Number(r.n)]));
}

export class ReplayRefused extends Error {
  constructor(
    readonly reason: 'not-found' | 'already-replayed',
    message: string,
  ) {
    super(message);
    this.name = 'ReplayRefused';
  }
}

/**
 * Marks the row and appends ParkedEventReplayRequested in one transaction.
 * Asking again while a request is pending appends nothing new (the same id).
 */
export async function requestParkedReplay(
  db: Db,
  store: EventStore,
  parkedId: string,
  requestedBy: string,
  reason?: string,
): Promise<ParkedEventView> {
  return db.transaction().execute(async (trx) => {
    const row = UUID.test(parkedId)
      ? await trx
          .selectFrom('parked_events')
          .selectAll()
          .where('parked_id', '=', parkedId)
          .forUpdate()
          .executeTakeFirst()
      : undefined;
    if (!row) throw new ReplayRefused('not-found', `no parked event ${parkedId.slice(0, 100)}`);
    if (row.status === 'replayed')
      throw new ReplayRefused(
        'already-replayed',
        `parked event ${parkedId} was replayed at ${row.replayed_at?.toISOString()}`,
      );
    if (row.status === 'replay-requested') return toView(row);
    const now = new Date();
    const updated = await trx
      .updateTable('parked_events')
      .set({ status: 'replay-requested', replay_requested_by: requestedBy, replay_requested_at: now })
      .where('parked_id', '=', parkedId)
      .returningAll()
      .executeTakeFirstOrThrow();
    const data: ParkedEventReplayRequested = {
      parkedId,
      consumer: row.consumer,
      eventId: row.event_id,
      requestedBy,
      ...(reason && { reason }),
    };
    await store.append(
      `parked-${parkedId}`,
      [{ type: PARKED_EVENT_REPLAY_REQUESTED, data, metadata: { actor: requestedBy, ...(reason && { reason }) } }],
      { expectedVersion: 'any', trx },
    );
    return toView(updated);
  });
}

/** The parked row a replay request names, if it still waits for one, and the event it parked. */
export async function loadReplay(
  trx: Transaction<Database>,
  request: ParkedEventReplayRequested,
): Promise<StoredEvent | undefined> {
  const row = await trx
    .selectFrom('parked_events')
    .select(['status', 'event_id'])
    .where('parked_id', '=', request.parkedId)
    .executeTakeFirst();
  if (!row || row.status !== 'replay-requested') return undefined;
  const { rows } = await sql<EventRow>`select * from events where event_id = ${row.event_id}`.execute(trx);
  return rows[0] && toStoredEvent(rows[0]);
}

export async function markReplayed(trx: Transaction<Database>, parkedId: string): Promise<void> {
  await trx
    .updateTable('parked_events')
    .set({ status: 'replayed', replayed_at: new Date() })
    .where('parked_id', '=', parkedId)
    .execute();
}

/** The replay failed too: parked again, with this error. */
export async function markReplayFailed(trx: Transaction<Database>, parkedId: string, error: string): Promise<void> {
  await trx
    .updateTable('parked_events')
    .set((eb) => ({
      status: 'parked',
      error: error.slice(0, MAX_ERROR_CHARS),
      attempts: eb('attempts', '+', 1),
      last_failed_at: new Date(),
    }))
    .where('parked_id', '=', parkedId)
    .execute();
}

/**
 * A blue/green swap: the new version's parked events replace the live one's
 * (those described the old tables; the new version met every event again).
 */
export async function takeOverParkedEvents(trx: Transaction<Database>, from: string, to: string): Promise<void> {
  await trx.deleteFrom('parked_events').where('consumer', '=', to).execute();
  await trx.updateTable('parked_events').set({ consumer: to }).where('consumer', '=', from).execute();
}

export async function clearParkedEvents(trx: Transaction<Database>, consumer: string): Promise<void> {
  await trx.deleteFrom('parked_events').where('consumer', '=', consumer).execute();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type ParkedRow = {
  parked_id: string;
  consumer: string;
  event_id: string;
  global_position: string;
  transaction_id: string;
  stream_id: string;
  event_type: string;
  error: string;
  attempts: number;
  first_failed_at: Date;
  last_failed_at: Date;
  status: ParkedStatus;
  replay_requested_by: string | null;
  replay_requested_at: Date | null;
  replayed_at: Date | null;
};

function toView(row: ParkedRow): ParkedEventView {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    parkedId: row.parked_id,
    consumer: row.consumer,
    eventId: row.event_id,
    globalPosition: String(row.global_position),
    transactionId: String(row.transaction_id),
    streamId: row.stream_id,
    eventType: row.event_type,
    error: row.error,
    attempts: row.attempts,
    firstFailedAt: iso(row.first_failed_at)!,
    lastFailedAt: iso(row.last_failed_at)!,
    status: row.status,
    replayRequestedBy: row.replay_requested_by,
    replayRequestedAt: iso(row.replay_requested_at),
    replayedAt: iso(row.replayed_at),
  };
}
