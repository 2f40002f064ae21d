import type { Queue } from 'bullmq';
import type { ConsumerRegistry, DatabaseHandle } from '#platform';
import { ALERT_WEBHOOKS_QUEUE, QUEUES, QUEUE_NAMES, type QueueConnection } from '#queue';
import { OperationsService, WATCHED_QUEUES, waitingNote } from './operations.service.js';

/** A queue that answers the three calls the operations page makes, and records which queues were opened. */
function fakeConnection(opened: string[]): QueueConnection {
  const queue = (name: string) => {
    opened.push(name);
    return {
      getJobCounts: async () => ({ waiting: 0, failed: 0 }),
      getFailed: async () => [],
      getWorkersCount: async () => 1,
    } as unknown as Queue;
  };
  return { queue } as unknown as QueueConnection;
}

describe('operations page queues', () => {
  it('watches every queue of the catalog in libs/queue, under its real name', async () => {
    const opened: string[] = [];
    const service = new OperationsService({} as DatabaseHandle, {} as ConsumerRegistry, fakeConnection(opened));
    const views = await service.queueCounts();
    const catalog = Object.values(QUEUES).map((q) => q.name);
    expect(views.map((v) => v.name).sort()).toEqual([...catalog].sort());
    expect(opened.sort()).toEqual([...catalog].sort());
    expect(WATCHED_QUEUES).toEqual(QUEUE_NAMES);
    // The bug this guards against: the webhook queue was listed as `alert-deliveries`.
    expect(views.map((v) => v.name)).toContain(ALERT_WEBHOOKS_QUEUE);
    expect(ALERT_WEBHOOKS_QUEUE).toBe('alert-webhooks');
    expect(views.map((v) => v.name)).not.toContain('alert-deliveries');
  });

  it('says a downstream queue waits for a consumer, and an internal one for a worker', () => {
    expect(waitingNote(QUEUES.alerts.name, { waiting: 3 }, 0)).toMatch(/downstream consumer/);
    expect(waitingNote(QUEUES.alertWebhooks.name, { waiting: 3 }, 0)).toMatch(/newsledger worker/);
    expect(waitingNote(QUEUES.coding.name, { waiting: 0 }, 0)).toBeNull();
  });
});
