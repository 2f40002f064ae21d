/**
 * Gathers items submitted one at a time (each BullMQ job's processor call)
 * into batches for one `run`: a batch goes as soon as it holds `maxSize`
 * items, or `lingerMs` after its first item arrived, whichever comes first.
 * Each submitter gets its own item's outcome: `run` settles every item on its
 * own (one item's failure is only that item's), and if `run` itself throws,
 * every item of that batch fails with that error. Batches run concurrently;
 * the caller bounds how many items are in flight (the worker's concurrency).
 */
export class MicroBatcher<Item, Result> {
  private pending: { item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void }[] = [];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly run: (items: Item[]) => Promise<PromiseSettledResult<Result>[]>,
    private readonly options: { maxSize: number; lingerMs: number },
  ) {
    if (!(options.maxSize >= 1)) throw new RangeError('a batch holds at least one item');
  }

  submit(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.pending.length >= this.options.maxSize) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.options.lingerMs);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending.splice(0, this.options.maxSize);
    // Whatever is left over (never more than a batch's worth) waits for its own linger.
    if (this.pending.length > 0) this.timer = setTimeout(() => this.flush(), this.options.lingerMs);
    if (batch.length === 0) return;
    let running: Promise<PromiseSettledResult<Result>[]>;
    try {
      running = this.run(batch.map((b) => b.item));
    } catch (error) {
      running = Promise.reject(error);
    }
    running.then(
      (results) =>
        batch.forEach((b, i) => {
          const result = results[i];
          if (!result) b.reject(new Error('the batch returned no outcome for this item'));
          else if (result.status === 'fulfilled') b.resolve(result.value);
          else b.reject(result.reason);
        }),
      (error: unknown) => batch.forEach((b) => b.reject(error)),
    );
  }
}
