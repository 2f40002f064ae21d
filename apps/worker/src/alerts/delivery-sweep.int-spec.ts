import { randomBytes, randomUUID } from 'node:crypto';
import { type AlertMessageV1, recordPendingDelivery } from '#alerts';
import { type TestDatabase, createTestDatabase } from '#db/testing/test-database';
import { ALERT_WEBHOOKS_QUEUE, QueueConnection, type WebhookJob } from '#queue';
import { sweepPendingDeliveries } from './alert-dispatcher.js';

describe('pending webhook deliveries after the queue lost its jobs (PostgreSQL, Redis)', () => {
  let testDb: TestDatabase;
  let queues: QueueConnection;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    queues = new QueueConnection({
      redisUrl: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      databaseUrl: testDb.url,
      namespace: `sweep-${randomBytes(4).toString('hex')}`,
    });
  });
  afterAll(async () => {
    await queues.close();
    await testDb.drop();
  });

  it('queues each pending delivery again under its job id, once however often it sweeps, and leaves delivered ones alone', async () => {
    const message = (alertId: string) =>
      ({ alertId, revision: 1, kind: 'raised', subscription: { id: randomUUID() } }) as unknown as AlertMessageV1;
    const pending = randomUUID();
    const delivered = randomUUID();
    await recordPendingDelivery(testDb.db, message(pending));
    await recordPendingDelivery(testDb.db, message(delivered));
    await testDb.db
      .updateTable('alert_deliveries')
      .set({ state: 'delivered' })
      .where('alert_id', '=', delivered)
      .execute();
    const webhooks = queues.queue<WebhookJob>(ALERT_WEBHOOKS_QUEUE);

    expect(await sweepPendingDeliveries(testDb.db, webhooks, 60_000)).toBe(0); // too recent: the dispatcher's own job may be on its way
    expect(await sweepPendingDeliveries(testDb.db, webhooks, -1_000)).toBe(1);
    expect(await sweepPendingDeliveries(testDb.db, webhooks, -1_000)).toBe(1);
    const jobs = await webhooks.getJobs(['waiting', 'delayed', 'prioritized']);
    expect(jobs.map((j) => [j.id, j.data.alertId])).toEqual([[`wh.${pending}.r1`, pending]]);
  });
});
