import { type TestDatabase, createTestDatabase } from '#db/testing/test-database';
import { LogConsumer } from './consumers/log-consumer.js';
import { LogNotifier } from './consumers/log-notifier.js';
import { EventStore } from './event-store.js';
import type { StoredEvent } from './events.js';
import { ConsumerWakeUps } from './wake-ups.js';

const until = async (condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

/**
 * Appends wake log consumers with NOTIFYs sent after commit and coalesced
 * (ConsumerWakeUps). These tests run consumers whose fallback poll is a
 * minute away, so only a wake-up can make them see an event in time.
 */
describe('consumer wake-ups after commit (PostgreSQL)', () => {
  let testDb: TestDatabase;
  let store: EventStore;
  let notifier: LogNotifier;

  beforeEach(async () => {
    testDb = await createTestDatabase();
    store = new EventStore(testDb.db);
    notifier = new LogNotifier(testDb.url);
    await notifier.start();
  });
  afterEach(async () => {
    await notifier.stop();
    await testDb.drop();
  });

  const startConsumer = async (name: string, seen: StoredEvent[]) => {
    const consumer = new LogConsumer(
      testDb.db,
      { name, pollIntervalMs: 60_000, handle: async (events) => void seen.push(...events) },
      notifier,
    );
    consumer.start();
    await until(() => consumer.isLeader);
    return consumer;
  };

  it('sends two NOTIFYs for a hundred commits that land while one is in flight', async () => {
    const wakeUps = new ConsumerWakeUps(testDb.db);
    for (let i = 0; i < 100; i++) wakeUps.committed();
    await until(() => wakeUps.sent === 2);
    await new Promise((r) => setTimeout(r, 100));
    expect(wakeUps.sent).toBe(2);
  });

  it('8 concurrent writers of single-event appends: the consumer sees every event once, woken without polling', async () => {
    const seen: StoredEvent[] = [];
    const consumer = await startConsumer('concurrent', seen);
    const writers = 8;
    const perWriter = 40;
    try {
      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          for (let n = 0; n < perWriter; n++) {
            await store.append(`writer-${w}`, [{ type: 'Written', data: { w, n } }], { expectedVersion: n });
          }
        }),
      );
      await until(() => seen.length >= writers * perWriter, 5_000);
    } finally {
      await consumer.stop();
    }
    expect(seen).toHaveLength(writers * perWriter);
    expect(new Set(seen.map((e) => e.eventId)).size).toBe(writers * perWriter);
    for (let w = 0; w < writers; w++) {
      expect(seen.filter((e) => e.streamId === `writer-${w}`).map((e) => e.streamVersion)).toEqual(
        Array.from({ length: perWriter }, (_, i) => i + 1),
      );
    }
    // Coalesced: fewer NOTIFYs than appends.
    expect(store.wakeUpsSent).toBeGreaterThan(0);
    expect(store.wakeUpsSent).toBeLessThanOrEqual(writers * perWriter);
  });

  it('wakes the consumer after store.transaction() commits, not before', async () => {
    const seen: StoredEvent[] = [];
    const consumer = await startConsumer('own-transaction', seen);
    try {
      await store.transaction(async (trx) => {
        await store.append('tx-1', [{ type: 'InTransaction', data: {} }], { expectedVersion: 0, trx });
        await store.appendMany(
          [{ streamId: 'tx-2', events: [{ type: 'AlsoInTransaction', data: {} }], expectedVersion: 0 }],
          { trx },
        );
        // Nothing is announced while the transaction is open.
        await new Promise((r) => setTimeout(r, 100));
        expect(store.wakeUpsSent).toBe(0);
      });
      await until(() => seen.length === 2, 3_000);
    } finally {
      await consumer.stop();
    }
    expect(seen.map((e) => e.type)).toEqual(['InTransaction', 'AlsoInTransaction']);
  });

  it('a transaction the store does not own still wakes consumers at its commit (pg_notify inside it)', async () => {
    const seen: StoredEvent[] = [];
    const consumer = await startConsumer('foreign-transaction', seen);
    try {
      await testDb.db.transaction().execute(async (trx) => {
        await store.append('foreign-1', [{ type: 'Foreign', data: {} }], { expectedVersion: 0, trx });
      });
      await until(() => seen.length === 1, 3_000);
    } finally {
      await consumer.stop();
    }
    expect(store.wakeUpsSent).toBe(0);
    expect(seen.map((e) => e.type)).toEqual(['Foreign']);
  });

  it('the notifier wakes at once, then once more for the NOTIFYs that arrived within its window', async () => {
    const slow = new LogNotifier(testDb.url, 300);
    await slow.start();
    const wakes: number[] = [];
    slow.subscribe(() => wakes.push(Date.now()));
    try {
      await new Promise((r) => setTimeout(r, 100));
      wakes.length = 0; // the wake-up of connecting
      let lastNotify = 0;
      for (let i = 0; i < 5; i++) {
        await store.append(`burst-${i}`, [{ type: 'Burst', data: {} }], { expectedVersion: 0 });
        await until(() => store.wakeUpsSent >= i + 1, 2_000);
        lastNotify = Date.now();
      }
      await until(() => wakes.length === 2, 3_000);
      await new Promise((r) => setTimeout(r, 500));
      expect(wakes).toHaveLength(2);
      expect(wakes[1]!).toBeGreaterThanOrEqual(lastNotify);
    } finally {
      await slow.stop();
    }
  });

  it('keeps a multi-event append in stream order in the log, and a stale one writes nothing', async () => {
    await store.append(
      'order-1',
      [1, 2, 3, 4, 5].map((n) => ({ type: 'N', data: { n } })),
      { expectedVersion: 0 },
    );
    await expect(store.append('order-1', [{ type: 'Late', data: {} }], { expectedVersion: 3 })).rejects.toMatchObject({
      name: 'ConcurrencyError',
      actualVersion: 5,
    });
    const events = await store.readStream('order-1');
    expect(events.map((e) => (e.data as { n: number }).n)).toEqual([1, 2, 3, 4, 5]);
    const positions = events.map((e) => e.globalPosition);
    expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
    expect(new Set(events.map((e) => e.transactionId)).size).toBe(1);
  });
});
