import type { Transaction } from 'kysely';
import type { Database } from '#db';
import type { Decider } from '#domain';
import { type TestDatabase, createTestDatabase } from '#db/testing/test-database';
import { ConcurrencyError } from '../errors.js';
import { EventStore } from '../event-store.js';
import { commandBackoff, handleCommand } from './handle-command.js';

// A tally: each Add appends Added with the running total, so an event decided
// on a stale state would carry a wrong total and show in the stream.
type TallyEvent = { type: 'Added'; data: { n: number; total: number } };
const tally: Decider<{ total: number }, { n: number }, TallyEvent> = {
  decide: (command, state) =>
    command.n === 0 ? [] : [{ type: 'Added', data: { n: command.n, total: state.total + command.n } }],
  evolve: (state, event) => ({ total: event.data.total }),
  initialState: () => ({ total: 0 }),
};

/** A store whose first append lets `other` run to the end first: the append then meets a stream that moved. */
function storeRacedBy(store: EventStore, other: () => Promise<unknown>): EventStore {
  let raced = false;
  const racing = Object.create(store) as EventStore;
  racing.append = async (...args: Parameters<EventStore['append']>) => {
    if (!raced) {
      raced = true;
      await other();
    }
    return store.append(...args);
  };
  return racing;
}

describe('handleCommand (PostgreSQL)', () => {
  let testDb: TestDatabase;
  let store: EventStore;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    store = new EventStore(testDb.db);
  });
  afterAll(() => testDb.drop());

  it('loads, folds, decides and appends with the expected version; nothing decided appends nothing', async () => {
    const first = await handleCommand(store, 'tally-1', tally, { n: 2 });
    expect(first).toMatchObject({ nextExpectedVersion: 1, attempts: 1, state: { total: 2 }, before: { total: 0 } });
    const second = await handleCommand(
      store,
      'tally-1',
      tally,
      { n: 3 },
      { metadata: { actor: 'test', correlationId: 'c-1' } },
    );
    expect(second.state.total).toBe(5);
    const stream = await store.readStream<TallyEvent>('tally-1');
    expect(stream.map((e) => e.data.total)).toEqual([2, 5]);
    expect(stream[1]!.metadata).toMatchObject({ actor: 'test', correlationId: 'c-1', causationId: stream[0]!.eventId });
    const none = await handleCommand(store, 'tally-1', tally, { n: 0 });
    expect(none).toMatchObject({ events: [], nextExpectedVersion: 2 });
  });

  it('two writers on one stream: the one that lost the race sees ConcurrencyError, decides again on the fresh state and appends', async () => {
    const retries: ConcurrencyError[] = [];
    const racing = storeRacedBy(store, () => handleCommand(store, 'tally-race', tally, { n: 10 }));
    const late = await handleCommand(
      racing,
      'tally-race',
      tally,
      { n: 1 },
      { onRetry: (error) => retries.push(error) },
    );
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatchObject({ streamId: 'tally-race', expectedVersion: 0, actualVersion: 1 });
    expect(late.attempts).toBe(2);
    const stream = await store.readStream<TallyEvent>('tally-race');
    // Decided on the state the other writer left (10), not the stale one (0).
    expect(stream.map((e) => e.data)).toEqual([
      { n: 10, total: 10 },
      { n: 1, total: 11 },
    ]);
  });

  it('in a transaction with rows of its own, a lost race rolls the rows back too before the retry', async () => {
    await testDb.db.schema.createTable('tally_rows').ifNotExists().addColumn('total', 'integer').execute();
    const retries: number[] = [];
    const writeRow = (trx: Transaction<Database>, total: number) =>
      trx
        .insertInto('tally_rows' as never)
        .values({ total } as never)
        .execute();
    const racing = storeRacedBy(store, () =>
      handleCommand(store, 'tally-trx', tally, { n: 4 }, { alongside: (trx, o) => writeRow(trx, o.state.total) }),
    );
    const late = await handleCommand(
      racing,
      'tally-trx',
      tally,
      { n: 1 },
      { alongside: (trx, o) => writeRow(trx, o.state.total), onRetry: (_e, attempt) => retries.push(attempt) },
    );
    expect(retries).toEqual([1]);
    expect(late.state.total).toBe(5);
    const rows = await testDb.db
      .selectFrom('tally_rows' as never)
      .select('total' as never)
      .execute();
    // The losing attempt's row (total 1) was rolled back with its append.
    expect((rows as { total: number }[]).map((r) => r.total).sort()).toEqual([4, 5]);
  });

  it('gives up after maxAttempts conflicts and rethrows the ConcurrencyError', async () => {
    let others = 0;
    const alwaysRaced = Object.create(store) as EventStore;
    alwaysRaced.append = async (...args: Parameters<EventStore['append']>) => {
      others++;
      await store.append('tally-lost', [{ type: 'Added', data: { n: 1, total: others } }], { expectedVersion: 'any' });
      return store.append(...args);
    };
    await expect(
      handleCommand(alwaysRaced, 'tally-lost', tally, { n: 1 }, { maxAttempts: 3, backoffMs: 1 }),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    expect(others).toBe(3);
  });

  it('backs off longer at each retry, half of the wait random, never past the cap', () => {
    expect(commandBackoff(1, 10, () => 0)).toBe(5);
    expect(commandBackoff(3, 10, () => 1)).toBe(40);
    expect(commandBackoff(20, 10, () => 1)).toBe(500);
  });
});
