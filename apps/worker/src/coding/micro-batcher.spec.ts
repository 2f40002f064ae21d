import { MicroBatcher } from './micro-batcher.js';

/** A batcher whose run records each batch and settles each item as `outcome` says. */
function recording(outcome: (n: number) => PromiseSettledResult<string>, options = { maxSize: 3, lingerMs: 10 }) {
  const batches: number[][] = [];
  const batcher = new MicroBatcher<number, string>(async (items) => {
    batches.push(items);
    return items.map(outcome);
  }, options);
  return { batches, batcher };
}

describe('MicroBatcher', () => {
  it('sends a batch as soon as it is full, and the rest after the linger', async () => {
    const { batches, batcher } = recording((n) => ({ status: 'fulfilled', value: `done ${n}` }));
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => batcher.submit(n)));
    expect(results).toEqual(['done 1', 'done 2', 'done 3', 'done 4', 'done 5']);
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('gives each submitter its own outcome: one failure fails only its item', async () => {
    const { batcher } = recording((n) =>
      n === 2 ? { status: 'rejected', reason: new Error(`bad ${n}`) } : { status: 'fulfilled', value: `ok ${n}` },
    );
    const outcomes = await Promise.allSettled([1, 2, 3].map((n) => batcher.submit(n)));
    expect(outcomes).toEqual([
      { status: 'fulfilled', value: 'ok 1' },
      { status: 'rejected', reason: new Error('bad 2') },
      { status: 'fulfilled', value: 'ok 3' },
    ]);
  });

  it('fails every item of a batch whose run throws, and runs the next batch all the same', async () => {
    let calls = 0;
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        if (calls++ === 0) throw new Error('database away');
        return items.map((n) => ({ status: 'fulfilled', value: n * 10 }));
      },
      { maxSize: 2, lingerMs: 5 },
    );
    const first = await Promise.allSettled([batcher.submit(1), batcher.submit(2)]);
    expect(first.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect((first[0] as PromiseRejectedResult).reason).toEqual(new Error('database away'));
    expect(await batcher.submit(3)).toBe(30);
  });

  it('sends a lone item after the linger rather than waiting for company', async () => {
    const { batches, batcher } = recording((n) => ({ status: 'fulfilled', value: String(n) }), {
      maxSize: 50,
      lingerMs: 15,
    });
    const started = performance.now();
    expect(await batcher.submit(7)).toBe('7');
    expect(performance.now() - started).toBeGreaterThanOrEqual(10);
    expect(batches).toEqual([[7]]);
  });

  it('refuses a batch size below one', () => {
    expect(() => new MicroBatcher(async () => [], { maxSize: 0, lingerMs: 1 })).toThrow(RangeError);
  });
});
