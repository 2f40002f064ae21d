import type { Insertable, Transaction } from 'kysely';
import { applyCorrection, isEventType, type CodedEventRecorded, EVENT_TYPE_NAMES } from '#domain';
import type { Database } from '#db';
import type { StoredEvent } from '#event-store';
import { asArticleEvent } from '../shared/article-event.js';
import { applyOnce } from '../shared/stream-progress.js';
import { type EventRow, eventColumns, rowToCodedEvent } from './event-row.js';

export const EVENTS_PROJECTION = 'read-model.events';

/** What made a version other than the first: kept with the version, so the history is the versions. */
export type EventChange =
  | { kind: 'correction'; changes: Record<string, unknown>; reason: string; by: string }
  | { kind: 'retraction'; reason: string; by: string };

/** Coded events, one row per version: coded, then each correction, then a retraction. */
export const eventsProjection = {
  name: EVENTS_PROJECTION,
  /** The tables only this projection writes (what a blue/green rebuild swaps). */
  tables: ['read_events'],
  types: [...EVENT_TYPE_NAMES, 'EventRetracted', 'EventCorrected'],
  handle: async (events: StoredEvent[], trx: Transaction<Database>) => {
    const firstVersions = new FirstVersions(trx, await unseenEventIds(trx, events));
    await applyOnce(trx, EVENTS_PROJECTION, events, (event) =>
      firstVersions.take(event) ? Promise.resolve() : firstVersions.flush().then(() => applyEventEvent(trx, event)),
    );
    await firstVersions.flush();
  },
} as const;

/**
 * The common case, an article's freshly coded events, costs one multi-row
 * insert per batch instead of a look-up and an insert per event: events whose
 * id has no row yet (and comes once in the batch) are gathered, and written
 * before anything else touches the table.
 */
class FirstVersions {
  private readonly pending: Insertable<Database['read_events']>[] = [];

  constructor(
    private readonly trx: Transaction<Database>,
    private readonly unseen: Set<string>,
  ) {}

  /** True when the event was gathered as the first version of a coded event. */
  take(stored: StoredEvent): boolean {
    if (!isEventType(stored.type)) return false;
    const coded = stored.data as CodedEventRecorded;
    if (!this.unseen.delete(coded.eventId)) return false;
    this.pending.push({
      ...eventColumns(coded),
      status: 'active',
      change: null,
      log_position: String(stored.globalPosition),
      first_recorded_at: stored.recordedAt,
      version: 1,
      recorded_from: stored.recordedAt,
    });
    return true;
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    await this.trx.insertInto('read_events').values(this.pending.splice(0)).execute();
  }
}

/** Ids of coded events in the batch that appear once and have no row yet. */
async function unseenEventIds(trx: Transaction<Database>, events: StoredEvent[]): Promise<Set<string>> {
  const counts = new Map<string, number>();
  for (const event of events) {
    if (isEventType(event.type)) {
      const id = (event.data as CodedEventRecorded).eventId;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  const once = [...counts].filter(([, n]) => n === 1).map(([id]) => id);
  if (once.length === 0) return new Set();
  const seen = await trx
    .selectFrom('read_events')
    .select('event_id')
    .distinct()
    .where('event_id', 'in', once)
    .execute();
  const seenIds = new Set(seen.map((r) => r.event_id));
  return new Set(once.filter((id) => !seenIds.has(id)));
}

async function applyEventEvent(trx: Transaction<Database>, stored: StoredEvent): Promise<void> {
  const event = asArticleEvent(stored);
  const at = stored.recordedAt;
  if (isEventType(event.type)) {
    const coded = event.data as CodedEventRecorded;
    const current = await currentVersion(trx, coded.eventId);
    await nextVersion(trx, current, at, { coded, status: 'active', change: null, logPosition: stored.globalPosition });
    return;
  }
  if (event.type === 'EventRetracted') {
    const current = await currentVersion(trx, event.data.eventId);
    if (!current || current.status === 'retracted') return;
    const { reason, by } = event.data;
    await nextVersion(trx, current, at, {
      coded: rowToCodedEvent(current),
      status: 'retracted',
      change: { kind: 'retraction', reason, by },
    });
    return;
  }
  if (event.type === 'EventCorrected') {
    const current = await currentVersion(trx, event.data.eventId);
    if (!current || current.status === 'retracted') return;
    const { changes, reason, by } = event.data;
    const corrected = applyCorrection(rowToCodedEvent(current), changes);
    await nextVersion(trx, current, at, {
      coded: corrected,
      status: 'active',
      change: { kind: 'correction', changes, reason, by },
    });
  }
}

function currentVersion(trx: Transaction<Database>, eventId: string): Promise<EventRow | undefined> {
  return trx
    .selectFrom('read_events')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('recorded_to', 'is', null)
    .executeTakeFirst();
}

/**
 * Closes the current version (if any) and opens the next. A version opened in the
 * same transaction (same recorded_at) was never visible: it is replaced in place.
 */
async function nextVersion(
  trx: Transaction<Database>,
  current: EventRow | undefined,
  at: Date,
  next: { coded: CodedEventRecorded; status: 'active' | 'retracted'; change: EventChange | null; logPosition?: bigint },
): Promise<void> {
  const values = {
    ...eventColumns(next.coded),
    status: next.status,
    change: next.change ? JSON.stringify(next.change) : null,
    log_position: current ? current.log_position : String(next.logPosition ?? 0n),
    first_recorded_at: current ? current.first_recorded_at : at,
  };
  if (current && current.recorded_from.getTime() === at.getTime()) {
    await trx
      .updateTable('read_events')
      .set(values)
      .where('event_id', '=', current.event_id)
      .where('version', '=', current.version)
      .execute();
    return;
  }
  if (current) {
    await trx
      .updateTable('read_events')
      .set({ recorded_to: at })
      .where('event_id', '=', current.event_id)
      .where('version', '=', current.version)
      .execute();
  }
  await trx
    .insertInto('read_events')
    .values({ ...values, version: (current?.version ?? 0) + 1, recorded_from: at })
    .execute();
}
