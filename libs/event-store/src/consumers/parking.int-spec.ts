import { sql } from 'kysely';
import { type TestDatabase, createTestDatabase } from '#db/testing/test-database';
import { EventStore } from '../event-store.js';
import { catchUp } from '../testing/catch-up.js';
import { readCheckpoint } from './checkpoints.js';
import { consumerStatuses } from './consumer-status.js';
import { LogConsumer, type LogConsumerOptions, type ParkedNotice } from './log-consumer.js';
import { listParkedEvents, openParkedCounts, requestParkedReplay } from './parked-events.js';

const count = async (testDb: TestDatabase, table: string) =>
  Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(testDb.db)).rows[0]!.n);

describe('LogConsumer parking (PostgreSQL)', () => {
  let testDb: TestDatabase;
  let store: EventStore;

  beforeEach(async () => {
    testDb = await createTestDatabase();
    store = new EventStore(testDb.db);
    await sql`create table applied (consumer text, event_id uuid, n int not null, primary key (consumer, event_id))`.execute(
      testDb.db,
    );
  });
  afterEach(() => testDb.drop());

  /** A projection that refuses events whose n is in `poison` (a data error, as PostgreSQL's for a year-0 date). */
  const projection = (name: string, poison: Set<number>, extra: Partial<LogConsumerOptions> = {}) => {
    const tries = new Map<number, number>();
    const parked: ParkedNotice[] = [];
    const consumer = new LogConsumer(testDb.db, {
      name,
      types: ['Numbered'],
      batchSize: 100,
      retryDelayMs: 10,
      onParked: (notice) => parked.push(notice),
      handle: async (events, trx) => {
        for (const event of events) {
          const { n } = event.data as { n: number };
          await sql`insert into applied values (${name}, ${event.eventId}, ${n})`.execute(trx);
          if (poison.has(n)) {
            tries.set(n, (tries.get(n) ?? 0) + 1);
            throw Object.assign(new Error(`date/time field value out of range: "0000-01-01" (n=${n})`), {
              code: '22008',
            });
          }
        }
      },
      ...extra,
    });
    return { consumer, tries, parked };
  };
  const appendNumbered = (streamId: string, numbers: number[]) =>
    store.append(
      streamId,
      numbers.map((n) => ({ type: 'Numbered', data: { n } })),
      { expectedVersion: 'any' },
    );

  it('parks the one event that fails after its tries, applies every other, and moves past it', async () => {
    await appendNumbered('a', [1, 2, 3, 4, 5]);
    await store.append('other', [{ type: 'Unwanted', data: {} }], { expectedVersion: 0 });
    await appendNumbered('b', [6, 7, 8]);
    const { consumer, tries, parked } = projection('parking', new Set([4]));

    await catchUp(testDb.db, consumer);

    const rows = await sql<{ n: number }>`select n from applied order by n`.execute(testDb.db);
    expect(rows.rows.map((r) => r.n)).toEqual([1, 2, 3, 5, 6, 7, 8]);
    expect(tries.get(4)).toBe(1 + 3); // the batch, then three tries alone
    const [status] = await consumerStatuses(testDb.db, ['parking']);
    expect(status!.lagEvents).toBe(0);
    const [row] = await listParkedEvents(testDb.db);
    const poisoned = (await store.readStream('a'))[3]!;
    expect(row).toMatchObject({
      consumer: 'parking',
      eventId: poisoned.eventId,
      streamId: 'a',
      eventType: 'Numbered',
      attempts: 3,
      status: 'parked',
      globalPosition: poisoned.globalPosition.toString(),
    });
    expect(row!.error).toMatch(/date\/time field value out of range.*n=4/);
    expect(new Date(row!.lastFailedAt).getTime()).toBeGreaterThanOrEqual(new Date(row!.firstFailedAt).getTime());
    expect(parked.map((p) => p.event.eventId)).toEqual([poisoned.eventId]);
    expect(await openParkedCounts(testDb.db)).toEqual(new Map([['parking', 1]]));
  });

  it('commits the events before a failing one with a checkpoint just before it, while the failing one waits for its next try', async () => {
    await appendNumbered('a', [1, 2, 3, 4, 5]);
    const { consumer } = projection('waiting', new Set([3]), { parkAfterAttempts: Infinity });
    const moved = await testDb.db.transaction().execute((trx) => consumer.processBatchIn(trx));
    expect(moved).toBe(2);
    expect(await count(testDb, 'applied')).toBe(2);
    const second = (await store.readStream('a'))[1]!;
    const checkpoint = await testDb.db.transaction().execute((trx) => readCheckpoint(trx, 'waiting'));
    expect(checkpoint).toEqual({ transactionId: second.transactionId, globalPosition: second.globalPosition });
    // Never parked: the same event blocks again, and nothing past it is applied.
    expect(await testDb.db.transaction().execute((trx) => consumer.processBatchIn(trx))).toBe(0);
    expect(await count(testDb, 'applied')).toBe(2);
    expect(await count(testDb, 'parked_events')).toBe(0);
  });

  it('never parks for an error that says nothing about the event (connection lost), and applies it once the cause is gone', async () => {
    await appendNumbered('a', [1, 2, 3]);
    let outage = 4;
    const consumer = new LogConsumer(testDb.db, {
      name: 'outage',
      retryDelayMs: 10,
      parkAfterAttempts: 1,
      onError: () => undefined,
      handle: async (events, trx) => {
        for (const event of events) {
          await sql`insert into applied values ('outage', ${event.eventId}, ${(event.data as { n: number }).n})`.execute(
            trx,
          );
          if ((event.data as { n: number }).n === 2 && outage-- > 0)
            throw new Error('Connection terminated unexpectedly');
        }
      },
    });
    consumer.start();
    const deadline = Date.now() + 10_000;
    while ((await count(testDb, 'applied')) < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await consumer.stop();
    expect(await count(testDb, 'applied')).toBe(3);
    expect(await count(testDb, 'parked_events')).toBe(0);
  });

  it('replays a parked event after a fix: the request travels in the log, the outcome is recorded on the row', async () => {
    await appendNumbered('a', [1, 2, 3]);
    const poison = new Set([2]);
    const { consumer } = projection('replayable', poison);
    const bystander = projection('bystander', new Set([2]));
    await catchUp(testDb.db, consumer);
    await catchUp(testDb.db, bystander.consumer);
    const [parked] = await listParkedEvents(testDb.db, { consumer: 'replayable' });

    // Replayed before the fix: fails again, stays parked, one more attempt counted.
    await requestParkedReplay(testDb.db, store, parked!.parkedId, 'ana@desk.example', 'first try');
    await catchUp(testDb.db, consumer);
    const again = (await listParkedEvents(testDb.db, { consumer: 'replayable' }))[0]!;
    expect(again).toMatchObject({ status: 'parked', attempts: 4, replayRequestedBy: 'ana@desk.example' });

    poison.delete(2); // the fix
    const requested = await requestParkedReplay(testDb.db, store, parked!.parkedId, 'ana@desk.example', 'fixed in 1.2');
    expect(requested.status).toBe('replay-requested');
    await catchUp(testDb.db, consumer);
    const replayed = (await listParkedEvents(testDb.db, { consumer: 'replayable' }))[0]!;
    expect(replayed.status).toBe('replayed');
    expect(replayed.replayedAt).not.toBeNull();
    const rows = await sql<{ n: number }>`select n from applied where consumer = 'replayable' order by n`.execute(
      testDb.db,
    );
    expect(rows.rows.map((r) => r.n)).toEqual([1, 2, 3]);

    const [request] = (await store.readStream(`parked-${parked!.parkedId}`)).slice(-1);
    expect(request).toMatchObject({
      type: 'ParkedEventReplayRequested',
      data: { consumer: 'replayable', requestedBy: 'ana@desk.example', reason: 'fixed in 1.2' },
    });
    // The other consumer's parked copy of the same event is untouched by this consumer's replay.
    expect((await listParkedEvents(testDb.db, { consumer: 'bystander' }))[0]!.status).toBe('parked');
    await catchUp(testDb.db, bystander.consumer);
    expect((await listParkedEvents(testDb.db, { consumer: 'bystander' }))[0]!.status).toBe('parked');
    expect(await openParkedCounts(testDb.db)).toEqual(new Map([['bystander', 1]]));
    await expect(requestParkedReplay(testDb.db, store, parked!.parkedId, 'ana@desk.example')).rejects.toThrow(
      /was replayed/,
    );
  });

  it('parks several bad events of one batch and keeps the log order of the rest', async () => {
    await appendNumbered(
      'a',
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
    const { consumer } = projection('many', new Set([3, 17, 30]));
    await catchUp(testDb.db, consumer);
    const rows = await sql<{ n: number }>`select n from applied order by n`.execute(testDb.db);
    expect(rows.rows).toHaveLength(27);
    expect((await listParkedEvents(testDb.db)).map((p) => p.globalPosition).sort()).toHaveLength(3);
  });
});
