import type { Db } from '#db';
import { describeHorizon } from '#db/testing/horizon';
import { consumerStatuses } from '../consumers/consumer-status.js';
import type { LogConsumer } from '../consumers/log-consumer.js';

/**
 * Runs a consumer's batches until no committed event is left after its
 * checkpoint. Tests need this rather than one processBatch(): the xmin horizon
 * is cluster-wide, so a transaction open in any other database (another test
 * file, another app) can hide committed events for a moment.
 */
export async function catchUp(db: Db, consumer: LogConsumer, timeoutMs = 10_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let moved = 0;
  for (;;) {
    moved += await consumer.processBatch();
    const [status] = await consumerStatuses(db, [consumer.name]);
    if (status!.lagEvents === 0) return moved;
    if (Date.now() > deadline) {
      const behind = `${status!.lagEvents} events behind`;
      throw new Error(`${consumer.name} did not catch up in ${timeoutMs} ms (${behind}). ${await describeHorizon(db)}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}
