import { type Job, Queue, type QueueOptions, Worker, type WorkerOptions, createPostgresBackend } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';

/**
 * The one switch between BullMQ's two backends: Redis when REDIS_URL is set,
 * otherwise BullMQ's PostgreSQL backend in the application's own database
 * (schema `bullmq`). Everything above this file is the same code for both.
 */
export type QueueBackendKind = 'redis' | 'postgres';

export interface QueueConnectionOptions {
  redisUrl?: string;
  databaseUrl: string;
  /** Redis key prefix / PostgreSQL schema, so tests and tenants can share a server. */
  namespace?: string;
}

export type JobProcessor<Data, Result> = (job: Job<Data, Result>) => Promise<Result>;

export class QueueConnection {
  readonly kind: QueueBackendKind;
  private readonly queues: Queue[] = [];
  private readonly workers: Worker[] = [];
  private readonly redisClients: Redis[] = [];
  private pingClient?: Redis;

  constructor(private readonly options: QueueConnectionOptions) {
    this.kind = options.redisUrl ? 'redis' : 'postgres';
  }

  queue<Data = unknown>(name: string, options: Omit<QueueOptions, 'connection'> = {}): Queue<Data> {
    const queue = this.kind === 'redis'
      ? new Queue<Data>(name, { ...options, connection: this.redis(), prefix: this.options.namespace ?? 'bull' })
      : (new Queue(name, { ...options, connection: this.postgres() } as never, createPostgresBackend) as unknown as Queue<Data>);
    this.queues.push(queue as Queue);
    return queue;
  }

  worker<Data = unknown, Result = unknown>(name: string, processor: JobProcessor<Data, Result>, options: Omit<WorkerOptions, 'connection'> = {}): Worker<Data, Result> {
    const worker = this.kind === 'redis'
      ? new Worker<Data, Result>(name, processor, { ...options, connection: this.redis({ forWorker: true }), prefix: this.options.namespace ?? 'bull' })
      : (new Worker(name, processor as never, { ...options, connection: this.postgres() } as never, createPostgresBackend) as unknown as Worker<Data, Result>);
    this.workers.push(worker as Worker);
    return worker;
  }

  /** Resolves when the backend answers; used by /health. */
  async ping(timeoutMs = 2_000): Promise<void> {
    if (this.kind === 'postgres') {
      const client = new pg.Client({ connectionString: this.options.databaseUrl, connectionTimeoutMillis: timeoutMs });
      try {
        await client.connect();
        await client.query('select 1');
      } finally {
        await client.end().catch(() => undefined);
      }
      return;
    }
    this.pingClient ??= this.redis();
    const answer = await Promise.race([
      this.pingClient.ping(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`Redis did not answer within ${timeoutMs} ms`)), timeoutMs)),
    ]);
    if (answer !== 'PONG') throw new Error(`Redis answered ${answer}`);
  }

  /** Closes workers first (they finish their current job), then queues and connections. */
  async close(): Promise<void> {
    await Promise.allSettled(this.workers.map((w) => w.close()));
    await Promise.allSettled(this.queues.map((q) => q.close()));
    await Promise.allSettled(this.redisClients.map((c) => c.quit()));
  }

  private redis(options: { forWorker?: boolean } = {}): Redis {
    // Workers block on Redis and must retry forever; producers fail fast so an
    // outage surfaces as an error the dispatcher can retry from the event log.
    const client = new Redis(this.options.redisUrl!, {
      maxRetriesPerRequest: options.forWorker ? null : 1,
      enableOfflineQueue: options.forWorker ? true : false,
      lazyConnect: false,
    });
    client.on('error', () => undefined);
    this.redisClients.push(client);
    return client;
  }

  private postgres() {
    // migrate: BullMQ creates or upgrades its own schema at connect, under its advisory lock.
    return { connectionString: this.options.databaseUrl, schema: this.options.namespace ?? 'bullmq', max: 5, migrate: true };
  }
}
