import { sql } from 'kysely';
import { type TestDatabase, createTestDatabase } from '#db/testing/test-database';
import { EventStore } from '../event-store.js';
import type { StoredEvent } from '../events.js';
import { consumerStatuses } from './consumer-status.js';
import { LogConsumer } from './log-consumer.js';
import { LogNotifier } from './log-notifier.js';
import { catchUp } from '../testing/catch-up.js';
import { CheckpointMovedError, overwriteCheckpoint } from './checkpoints.js';

const until = async (condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('LogConsumer (PostgreSQL)', () => {
  let testDb: TestDatabase;
  let store: EventStore;

  beforeEach(async () => {
    testDb = await createTestDatabase();
    store = new EventStore(testDb.db);
  });
  afterEach(() => testDb.drop());

  it('never hands out an event of a later transaction past one that commits late (the late-commit test)', async () => {
    const seen: StoredEvent[] = [];
    const consumer = new LogConsumer(testDb.db, {
      name: 'late-commit',
      handle: async (events) => void seen.push(...events),
    });

    const transactionA = await testDb.db.startTransaction().execute();
    await store.append('stream-a', [{ type: 'FromA', data: {} }], { expectedVersion: 0, trx: transactionA });
    await store.append('stream-b', [{ type: 'FromB', data: {} }], { expectedVersion: 0 });

    expect(await consumer.processBatch()).toBe(0);
    expect(seen).toHaveLength(0);

    await transactionA.commit().execute();
    await catchUp(testDb.db, consumer);

    expect(seen.map((e) => e.type)).toEqual(['FromA', 'FromB']);
    // A took the lower sequence number even though it committed last.
    expect(seen[0]!.globalPosition).toBeLessThan(seen[1]!.globalPosition);
    expect(await consumer.processBatch()).toBe(0);
    expect(seen).toHaveLength(2);
  });

  it('rolls back a failed batch whole, then applies its events one by one (nothing twice, nothing skipped)', async () => {
    await sql`create table projection_rows (event_id uuid primary key)`.execute(testDb.db);
    await store.append(
      's',
      [1, 2, 3, 4].map((n) => ({ type: 'Numbered', data: { n } })),
      { expectedVersion: 0 },
    );
    let calls = 0;
    const consumer = new LogConsumer(testDb.db, {
      name: 'failing',
      batchSize: 10,
      handle: async (events, trx) => {
        calls++;
        for (const [index, event] of events.entries()) {
          await sql`insert into projection_rows values (${event.eventId})`.execute(trx);
          if (calls === 1 && index === 1) throw new Error('projection bug');
        }
      },
    });

    // The first event's row of the failed batch was rolled back: inserting it again did not collide.
    expect(await consumer.processBatch()).toBe(4);
    expect(calls).toBe(1 + 4);
    expect(
      Number((await sql<{ n: string }>`select count(*) as n from projection_rows`.execute(testDb.db)).rows[0]!.n),
    ).toBe(4);
    const [status] = await consumerStatuses(testDb.db, ['failing']);
    expect(status!.lagEvents).toBe(0);
    expect(await testDb.db.selectFrom('parked_events').selectAll().execute()).toEqual([]);
  });

  it('commits nothing and no checkpoint when the database fails under a batch, and retries it from the checkpoint', async () => {
    await sql`create table transient_rows (event_id uuid primary key)`.execute(testDb.db);
    await store.append(
      't',
      [1, 2, 3].map((n) => ({ type: 'Numbered', data: { n } })),
      { expectedVersion: 0 },
    );
    let calls = 0;
    const consumer = new LogConsumer(testDb.db, {
      name: 'transient',
      retryDelayMs: 20,
      handle: async (events, trx) => {
        calls++;
        for (const event of events) await sql`insert into transient_rows values (${event.eventId})`.execute(trx);
        if (calls === 1) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
      },
    });
    await expect(consumer.processBatch()).rejects.toThrow('deadlock detected');
    expect(
      Number((await sql<{ n: string }>`select count(*) as n from transient_rows`.execute(testDb.db)).rows[0]!.n),
    ).toBe(0);
    expect(
      await testDb.db
        .selectFrom('consumer_checkpoints')
        .selectAll()
        .where('consumer', '=', 'transient')
        .executeTakeFirst(),
    ).toBeUndefined();

    consumer.start();
    await until(
      async () =>
        Number((await sql<{ n: string }>`select count(*) as n from transient_rows`.execute(testDb.db)).rows[0]!.n) ===
        3,
    );
    await consumer.stop();
    expect(calls).toBe(2);
  });

  it('lets only one instance of a consumer process at a time; the other takes over when it stops', async () => {
    const handledBy = new Map<string, string>();
    let active = 0;
    let maxActive = 0;
    const instance = (label: string) =>
      new LogConsumer(testDb.db, {
        name: 'projection-x',
        pollIntervalMs: 25,
        batchSize: 5,
        handle: async (events) => {
          active++;
          maxActive = Math.max(maxActive, active);
          await new Promise((r) => setTimeout(r, 5));
          for (const event of events) {
            expect(handledBy.has(event.eventId)).toBe(false);
            handledBy.set(event.eventId, label);
          }
          active--;
        },
      });
    const first = instance('first');
    const second = instance('second');
    first.start();
    await until(() => first.isLeader);
    second.start();

    for (let i = 0; i < 20; i++) await store.append(`s-${i}`, [{ type: 'Tick', data: { i } }], { expectedVersion: 0 });
    await until(() => handledBy.size === 20);
    expect(second.isLeader).toBe(false);
    expect(new Set(handledBy.values())).toEqual(new Set(['first']));

    await first.stop();
    await until(() => second.isLeader);
    for (let i = 20; i < 30; i++) await store.append(`s-${i}`, [{ type: 'Tick', data: { i } }], { expectedVersion: 0 });
    await until(() => handledBy.size === 30);
    await second.stop();

    expect(maxActive).toBe(1);
    expect([...handledBy.values()].filter((label) => label === 'second')).toHaveLength(10);
  });

  it('is woken by NOTIFY long before its poll interval', async () => {
    const notifier = new LogNotifier(testDb.url);
    await notifier.start();
    const seen: string[] = [];
    const consumer = new LogConsumer(
      testDb.db,
      { name: 'woken', pollIntervalMs: 60_000, handle: async (events) => void seen.push(...events.map((e) => e.type)) },
      notifier,
    );
    consumer.start();
    await until(() => consumer.isLeader);
    await new Promise((r) => setTimeout(r, 50));
    const appendedAt = Date.now();
    await store.append('wake-1', [{ type: 'Hello', data: {} }], { expectedVersion: 0 });
    await until(() => seen.length === 1, 2_000);
    const latency = Date.now() - appendedAt;
    await consumer.stop();
    await notifier.stop();
    expect(seen).toEqual(['Hello']);
    expect(latency).toBeLessThan(1_000);
  });

  it('does not lose a NOTIFY that arrives while a batch is being handled', async () => {
    const notifier = new LogNotifier(testDb.url);
    await notifier.start();
    const seen: string[] = [];
    const consumer = new LogConsumer(
      testDb.db,
      {
        name: 'mid-batch',
        pollIntervalMs: 60_000,
        handle: async (events) => {
          seen.push(...events.map((e) => e.type));
          // Another writer commits while this batch is in hand.
          if (events.some((e) => e.type === 'First'))
            await store.append('mid-2', [{ type: 'Second', data: {} }], { expectedVersion: 0 });
        },
      },
      notifier,
    );
    consumer.start();
    try {
      await until(() => consumer.isLeader);
      await store.append('mid-1', [{ type: 'First', data: {} }], { expectedVersion: 0 });
      await until(() => seen.includes('Second'), 3_000);
    } finally {
      await consumer.stop();
      await notifier.stop();
    }
    expect(seen).toEqual(['First', 'Second']);
  });

  it('rolls a batch back when its checkpoint was moved underneath it (a swap, a second leader)', async () => {
    await sql`create table moved_rows (event_id uuid primary key)`.execute(testDb.db);
    await store.append(
      'moved',
      [
        { type: 'A', data: {} },
        { type: 'B', data: {} },
      ],
      { expectedVersion: 0 },
    );
    const [last] = (await store.readStream('moved')).slice(-1);
    const consumer = new LogConsumer(testDb.db, {
      name: 'moved-under',
      handle: async (events, trx) => {
        for (const event of events) await sql`insert into moved_rows values (${event.eventId})`.execute(trx);
        // Meanwhile, elsewhere, the checkpoint is set past these events.
        await testDb.db.transaction().execute((other) =>
          overwriteCheckpoint(other, 'moved-under', {
            transactionId: last!.transactionId,
            globalPosition: last!.globalPosition,
          }),
        );
      },
    });
    await until(() =>
      consumer.processBatch().then(
        () => false,
        (error: Error) => error instanceof CheckpointMovedError,
      ),
    );
    expect(Number((await sql<{ n: string }>`select count(*) as n from moved_rows`.execute(testDb.db)).rows[0]!.n)).toBe(
      0,
    );
    const [status] = await consumerStatuses(testDb.db, ['moved-under']);
    expect(status!.lagEvents).toBe(0);
  });

  it('passes only the types it asked for, and moves its checkpoint past the rest', async () => {
    const seen: string[] = [];
    const consumer = new LogConsumer(testDb.db, {
      name: 'typed',
      types: ['Wanted'],
      handle: async (events) => void seen.push(...events.map((e) => e.type)),
    });
    await store.append(
      't',
      [
        { type: 'Other', data: {} },
        { type: 'Wanted', data: {} },
        { type: 'Other', data: {} },
      ],
      { expectedVersion: 0 },
    );
    expect(await catchUp(testDb.db, consumer)).toBe(3);
    expect(seen).toEqual(['Wanted']);
    const [status] = await consumerStatuses(testDb.db, ['typed']);
    expect(status!.lagEvents).toBe(0);
  });

  it('never moves past the consumers it runs after', async () => {
    await store.append(
      'dep',
      [
        { type: 'A', data: {} },
        { type: 'B', data: {} },
        { type: 'C', data: {} },
      ],
      { expectedVersion: 0 },
    );
    const upstream = new LogConsumer(testDb.db, { name: 'incidents', batchSize: 2, handle: async () => undefined });
    const seen: string[] = [];
    const downstream = new LogConsumer(testDb.db, {
      name: 'alerts',
      after: ['incidents'],
      handle: async (events) => void seen.push(...events.map((e) => e.type)),
    });
    expect(await downstream.processBatch()).toBe(0);
    await until(async () => (await upstream.processBatch()) === 2);
    await until(async () => (await downstream.processBatch()) === 2);
    expect(seen).toEqual(['A', 'B']);
    await catchUp(testDb.db, upstream);
    await catchUp(testDb.db, downstream);
    expect(seen).toEqual(['A', 'B', 'C']);
  });

  it('reports position and lag in events and seconds', async () => {
    await store.append(
      'lag',
      [
        { type: 'A', data: {} },
        { type: 'B', data: {} },
        { type: 'C', data: {} },
      ],
      { expectedVersion: 0 },
    );
    const consumer = new LogConsumer(testDb.db, { name: 'lagging', batchSize: 2, handle: async () => undefined });
    const [before] = await consumerStatuses(testDb.db, ['lagging']);
    expect(before).toMatchObject({ consumer: 'lagging', globalPosition: '0', lagEvents: 3 });
    expect(before!.lagSeconds).toBeGreaterThanOrEqual(0);
    await until(async () => (await consumer.processBatch()) === 2);
    const [after] = await consumerStatuses(testDb.db, ['lagging']);
    expect(after).toMatchObject({ lagEvents: 1 });
    expect(BigInt(after!.globalPosition)).toBeGreaterThan(0n);
  });
});
