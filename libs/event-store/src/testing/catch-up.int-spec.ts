import pg from 'pg';
import { type TestDatabase, createTestDatabase } from '#db/testing/test-database';
import { EventStore } from '../event-store.js';
import { LogConsumer } from '../consumers/log-consumer.js';
import { catchUp } from './catch-up.js';

/**
 * A transaction left open anywhere on the server holds every log consumer
 * back; a catch-up that gives up must name it (pid, database, age, query) so
 * that the reader looks at the server, not at the code.
 */
describe('catchUp when another session holds the transaction horizon', () => {
  let testDb: TestDatabase;
  let holder: pg.Client;

  beforeEach(async () => {
    testDb = await createTestDatabase();
    holder = new pg.Client({ connectionString: testDb.url, application_name: 'horizon-holder' });
    await holder.connect();
  });
  afterEach(async () => {
    await holder.end();
    await testDb.drop();
  });

  it('times out naming the open transaction, and catches up once it ends', async () => {
    await holder.query('begin');
    await holder.query('select txid_current() as held_back_by_me');
    const store = new EventStore(testDb.db);
    await store.append('stream-a', [{ type: 'Appended', data: {} }], { expectedVersion: 0 });
    const seen: string[] = [];
    const consumer = new LogConsumer(testDb.db, {
      name: 'held-back',
      handle: async (events) => void seen.push(...events.map((e) => e.type)),
    });

    const failure = await catchUp(testDb.db, consumer, 1_500).then(
      () => 'caught up',
      (error: Error) => error.message,
    );
    const holderPid = (holder as unknown as { processID: number }).processID;
    const database = new URL(testDb.url).pathname.slice(1);
    expect(failure).toContain('held-back did not catch up in 1500 ms (1 events behind)');
    expect(failure).toMatch(
      new RegExp(
        `pid ${holderPid}, database ${database}, user \\w+, application "horizon-holder", idle in transaction, ` +
          `transaction open for \\d+ s, last query: select txid_current\\(\\) as held_back_by_me`,
      ),
    );
    expect(seen).toEqual([]);

    await holder.query('commit');
    await catchUp(testDb.db, consumer);
    expect(seen).toEqual(['Appended']);
  });
});
