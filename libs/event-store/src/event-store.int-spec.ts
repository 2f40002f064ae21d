import { sql } from 'kysely';
import { type TestDatabase, createTestDatabase } from '#db/testing/test-database';
import { ConcurrencyError } from './errors.js';
import { EventStore } from './event-store.js';
import { deterministicEventId } from './events.js';

describe('EventStore (PostgreSQL)', () => {
  let testDb: TestDatabase;
  let store: EventStore;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    store = new EventStore(testDb.db);
  });
  afterAll(() => testDb.drop());

  it('lets exactly one of 8 concurrent writers create a stream; the others get ConcurrencyError', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, (_, writer) =>
        store.append('race-1', [{ type: 'Written', data: { writer } }], { expectedVersion: 0 }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const losers = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(losers).toHaveLength(7);
    for (const loser of losers) expect(loser.reason).toBeInstanceOf(ConcurrencyError);
  });

  it('8 writers retrying on ConcurrencyError store every event once with no gap in versions', async () => {
    const perWriter = 15;
    let conflicts = 0;
    const writer = async (id: number) => {
      for (let n = 0; n < perWriter; n++) {
        for (;;) {
          const version = await store.streamVersion('race-2');
          try {
            await store.append(
              'race-2',
              [{ eventId: deterministicEventId('race-2', String(id), String(n)), type: 'Written', data: { id, n } }],
              {
                expectedVersion: version,
              },
            );
            break;
          } catch (error) {
            if (!(error instanceof ConcurrencyError)) throw error;
            conflicts++;
          }
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, id) => writer(id)));

    const events = await store.readStream('race-2');
    expect(events).toHaveLength(8 * perWriter);
    expect(events.map((e) => e.streamVersion)).toEqual(Array.from({ length: 8 * perWriter }, (_, i) => i + 1));
    expect(new Set(events.map((e) => e.eventId)).size).toBe(8 * perWriter);
    expect(conflicts).toBeGreaterThan(0);
    expect(await store.streamVersion('race-2')).toBe(8 * perWriter);
  });

  it('stores an event appended twice with the same id once (idempotent append)', async () => {
    const eventId = deterministicEventId('idempotency', 'one');
    const first = await store.append('idem-1', [{ eventId, type: 'Received', data: { n: 1 } }], { expectedVersion: 0 });
    const second = await store.append('idem-1', [{ eventId, type: 'Received', data: { n: 1 } }], {
      expectedVersion: 0,
    });
    expect(first).toEqual({ nextExpectedVersion: 1, appended: 1 });
    expect(second).toEqual({ nextExpectedVersion: 1, appended: 0 });
    const { rows } = await sql<{ n: string }>`select count(*) as n from events where event_id = ${eventId}`.execute(
      testDb.db,
    );
    expect(Number(rows[0]!.n)).toBe(1);
  });

  it('skips already-stored ids inside a batch and appends the rest', async () => {
    const a = deterministicEventId('partial', 'a');
    const b = deterministicEventId('partial', 'b');
    await store.append('idem-2', [{ eventId: a, type: 'A', data: {} }], { expectedVersion: 0 });
    const result = await store.append(
      'idem-2',
      [
        { eventId: a, type: 'A', data: {} },
        { eventId: b, type: 'B', data: {} },
      ],
      { expectedVersion: 1 },
    );
    expect(result).toEqual({ nextExpectedVersion: 2, appended: 1 });
    expect((await store.readStream('idem-2')).map((e) => e.type)).toEqual(['A', 'B']);
  });

  it('fills in metadata (correlation id, schema version) and keeps what the caller gave', async () => {
    await store.append(
      'meta-1',
      [{ type: 'Received', data: { x: 1 }, metadata: { correlationId: 'req-42', actor: 'tester' } }],
      { expectedVersion: 'any' },
    );
    const [event] = await store.readStream('meta-1');
    expect(event!.metadata).toEqual({ correlationId: 'req-42', actor: 'tester', schemaVersion: 1 });
    expect(event!.data).toEqual({ x: 1 });
    expect(event!.recordedAt).toBeInstanceOf(Date);
  });

  it('appends nothing when the expected version is stale, inside one transaction', async () => {
    await store.append('stale-1', [{ type: 'A', data: {} }], { expectedVersion: 0 });
    await expect(
      store.append(
        'stale-1',
        [
          { type: 'B', data: {} },
          { type: 'C', data: {} },
        ],
        { expectedVersion: 0 },
      ),
    ).rejects.toMatchObject({
      name: 'ConcurrencyError',
      actualVersion: 1,
    });
    expect((await store.readStream('stale-1')).map((e) => e.type)).toEqual(['A']);
  });

  it('appends to several streams at once (new, at a version, anywhere), each at the version it reached', async () => {
    await store.append('many-old', [{ type: 'A', data: {} }], { expectedVersion: 0 });
    await store.append('many-any', [{ type: 'A', data: {} }], { expectedVersion: 0 });
    const results = await store.appendMany([
      {
        streamId: 'many-new',
        events: [
          { type: 'N1', data: { n: 1 } },
          { type: 'N2', data: { n: 2 } },
        ],
        expectedVersion: 0,
      },
      { streamId: 'many-old', events: [{ type: 'B', data: {} }], expectedVersion: 1 },
      {
        streamId: 'many-any',
        events: [
          { type: 'C', data: {} },
          { type: 'D', data: {} },
        ],
        expectedVersion: 'any',
      },
      { streamId: 'many-fresh-any', events: [{ type: 'E', data: {} }], expectedVersion: 'any' },
    ]);
    expect(results).toEqual([
      { nextExpectedVersion: 2, appended: 2 },
      { nextExpectedVersion: 2, appended: 1 },
      { nextExpectedVersion: 3, appended: 2 },
      { nextExpectedVersion: 1, appended: 1 },
    ]);
    expect((await store.readStream('many-new')).map((e) => [e.streamVersion, e.type, e.data])).toEqual([
      [1, 'N1', { n: 1 }],
      [2, 'N2', { n: 2 }],
    ]);
    expect((await store.readStream('many-old')).map((e) => e.type)).toEqual(['A', 'B']);
    expect((await store.readStream('many-any')).map((e) => [e.streamVersion, e.type])).toEqual([
      [1, 'A'],
      [2, 'C'],
      [3, 'D'],
    ]);
    expect((await store.readStream('many-fresh-any')).map((e) => e.metadata.schemaVersion)).toEqual([1]);
  });

  it('appends to no stream when one of several is not at its expected version', async () => {
    await store.append('many-stale', [{ type: 'A', data: {} }], { expectedVersion: 0 });
    const attempt = store.appendMany([
      { streamId: 'many-untouched', events: [{ type: 'X', data: {} }], expectedVersion: 0 },
      { streamId: 'many-stale', events: [{ type: 'Y', data: {} }], expectedVersion: 0 },
    ]);
    await expect(attempt).rejects.toMatchObject({
      name: 'ConcurrencyError',
      streamId: 'many-stale',
      expectedVersion: 0,
      actualVersion: 1,
    });
    expect(await store.readStream('many-untouched')).toEqual([]);
    expect(await store.streamVersion('many-untouched')).toBe(0);
    expect((await store.readStream('many-stale')).map((e) => e.type)).toEqual(['A']);
    await expect(
      store.appendMany([
        { streamId: 'many-twice', events: [{ type: 'A', data: {} }], expectedVersion: 0 },
        { streamId: 'many-twice', events: [{ type: 'B', data: {} }], expectedVersion: 0 },
      ]),
    ).rejects.toThrow('stream many-twice named twice');
  });

  it('appendEach writes the streams at their expected version and reports the one that is not, in one statement', async () => {
    await store.append('each-a', [{ type: 'A', data: {} }], { expectedVersion: 0 });
    await store.append(
      'each-stale',
      [
        { type: 'A', data: {} },
        { type: 'B', data: {} },
      ],
      { expectedVersion: 0 },
    );
    const results = await store.appendEach([
      { streamId: 'each-a', events: [{ type: 'B', data: {} }], expectedVersion: 1 },
      { streamId: 'each-stale', events: [{ type: 'C', data: {} }], expectedVersion: 1 },
      {
        streamId: 'each-new',
        events: [
          { type: 'N1', data: {} },
          { type: 'N2', data: {} },
        ],
        expectedVersion: 0,
      },
    ]);
    expect(results[0]).toEqual({ nextExpectedVersion: 2, appended: 1 });
    expect(results[1]).toBeInstanceOf(ConcurrencyError);
    expect(results[1]).toMatchObject({ streamId: 'each-stale', expectedVersion: 1, actualVersion: 2 });
    expect(results[2]).toEqual({ nextExpectedVersion: 2, appended: 2 });
    expect((await store.readStream('each-a')).map((e) => e.type)).toEqual(['A', 'B']);
    expect((await store.readStream('each-stale')).map((e) => e.type)).toEqual(['A', 'B']);
    expect((await store.readStream('each-new')).map((e) => [e.streamVersion, e.type])).toEqual([
      [1, 'N1'],
      [2, 'N2'],
    ]);
  });

  it('appendEach run again with the same ids writes nothing twice, and takes the streams one by one past a stored id', async () => {
    const id = (s: string) => deterministicEventId('each-again', s);
    const batch = [
      { streamId: 'each-again-1', events: [{ eventId: id('1'), type: 'A', data: {} }], expectedVersion: 0 },
      { streamId: 'each-again-2', events: [{ eventId: id('2'), type: 'A', data: {} }], expectedVersion: 0 },
    ];
    expect(await store.appendEach(batch)).toEqual([
      { nextExpectedVersion: 1, appended: 1 },
      { nextExpectedVersion: 1, appended: 1 },
    ]);
    // The same batch again (a lost answer): both streams moved on by themselves, so both are no-ops.
    expect(await store.appendEach(batch)).toEqual([
      { nextExpectedVersion: 1, appended: 0 },
      { nextExpectedVersion: 1, appended: 0 },
    ]);
    // A stream at its version whose event id is stored already: the statement fails; one by one, the stored id is skipped.
    const mixed = await store.appendEach([
      {
        streamId: 'each-again-1',
        events: [
          { eventId: id('1'), type: 'A', data: {} },
          { eventId: id('1b'), type: 'B', data: {} },
        ],
        expectedVersion: 1,
      },
      { streamId: 'each-again-3', events: [{ eventId: id('3'), type: 'A', data: {} }], expectedVersion: 0 },
    ]);
    expect(mixed).toEqual([
      { nextExpectedVersion: 2, appended: 1 },
      { nextExpectedVersion: 1, appended: 1 },
    ]);
    expect((await store.readStream('each-again-1')).map((e) => e.eventId)).toEqual([id('1'), id('1b')]);
  });

  it('appendEach from many writers over the same streams in opposite orders loses nothing (deadlocks are taken one stream at a time)', async () => {
    const streams = ['each-cross-a', 'each-cross-b', 'each-cross-c'];
    const writers = Array.from({ length: 8 }, (_, w) =>
      (async () => {
        for (let n = 0; n < 10; n++) {
          const order = w % 2 === 0 ? streams : [...streams].reverse();
          const results = await store.appendEach(
            order.map((streamId) => ({
              streamId,
              events: [{ type: 'Crossed', data: { w, n } }],
              expectedVersion: 'any' as const,
            })),
          );
          for (const result of results) expect(result).toMatchObject({ appended: 1 });
        }
      })(),
    );
    await Promise.all(writers);
    for (const streamId of streams) {
      const events = await store.readStream(streamId);
      expect(events).toHaveLength(80);
      expect(events.map((e) => e.streamVersion)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
    }
  });

  it('readStreams reads several streams in one query, each in order, an unknown one empty', async () => {
    await store.append(
      'rs-1',
      [
        { type: 'A', data: {} },
        { type: 'B', data: {} },
      ],
      { expectedVersion: 0 },
    );
    await store.append('rs-2', [{ type: 'C', data: {} }], { expectedVersion: 0 });
    const streams = await store.readStreams(['rs-2', 'rs-none', 'rs-1']);
    expect([...streams.keys()]).toEqual(['rs-2', 'rs-none', 'rs-1']);
    expect(streams.get('rs-1')!.map((e) => [e.streamVersion, e.type])).toEqual([
      [1, 'A'],
      [2, 'B'],
    ]);
    expect(streams.get('rs-2')!.map((e) => e.type)).toEqual(['C']);
    expect(streams.get('rs-none')).toEqual([]);
    expect(await store.readStreams([])).toEqual(new Map());
  });

  it('reads a stream as it was recorded before a given time (time travel)', async () => {
    await store.append('tt-1', [{ type: 'First', data: {} }], { expectedVersion: 0 });
    const [first] = await store.readStream('tt-1');
    await new Promise((r) => setTimeout(r, 20));
    const between = new Date();
    await new Promise((r) => setTimeout(r, 20));
    await store.append('tt-1', [{ type: 'Second', data: {} }], { expectedVersion: 1 });
    expect((await store.readStream('tt-1', { recordedBefore: between })).map((e) => e.type)).toEqual(['First']);
    expect((await store.readStream('tt-1')).map((e) => e.type)).toEqual(['First', 'Second']);
    expect((await store.readStream('tt-1', { fromVersion: 2 })).map((e) => e.type)).toEqual(['Second']);
    expect(first!.recordedAt.getTime()).toBeLessThan(between.getTime());
  });
});
