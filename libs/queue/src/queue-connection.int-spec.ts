import { randomBytes } from 'node:crypto';
import { type TestDatabase, createTestDatabase } from '#db/testing/test-database';
import { QueueConnection } from './queue-connection.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe.each([
  [
    'redis',
    (db: TestDatabase) => ({
      redisUrl: REDIS_URL,
      databaseUrl: db.url,
      namespace: `test-${randomBytes(4).toString('hex')}`,
    }),
  ],
  ['postgres', (db: TestDatabase) => ({ databaseUrl: db.url })],
] as const)('QueueConnection on %s', (kind, options) => {
  let testDb: TestDatabase;
  let connection: QueueConnection;

  beforeAll(async () => {
    testDb = await createTestDatabase({ migrate: false });
    connection = new QueueConnection(options(testDb));
    await connection.init();
  });
  afterAll(async () => {
    await connection.close();
    await testDb.drop();
  });

  it(`runs a job through BullMQ on ${kind}, once per jobId`, async () => {
    expect(connection.kind).toBe(kind);
    const queue = connection.queue<{ n: number }>('roundtrip');
    const done: number[] = [];
    const finished = new Promise<void>((resolve) => {
      connection.worker<{ n: number }, number>('roundtrip', async (job) => {
        done.push(job.data.n);
        if (done.length === 2) resolve();
        return job.data.n * 2;
      });
    });
    await queue.add('double', { n: 1 }, { jobId: 'job-1' });
    await queue.add('double', { n: 1 }, { jobId: 'job-1' });
    await queue.add('double', { n: 2 }, { jobId: 'job-2' });
    await finished;
    await new Promise((r) => setTimeout(r, 200));
    expect(done.sort()).toEqual([1, 2]);
    const job = await queue.getJob('job-2');
    expect(job?.returnvalue).toBe(4);
  });

  it('answers the first ping right after start, before its client has connected', async () => {
    const fresh = new QueueConnection(options(testDb));
    await fresh.init();
    try {
      await expect(fresh.ping()).resolves.toBeUndefined();
    } finally {
      await fresh.close();
    }
  });
});
