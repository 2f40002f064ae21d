import {
  type Job,
  Queue,
  type QueueOptions,
  Worker,
  type WorkerOptions,
  createPostgresBackend,
  runMigrations,
} from 'bullmq';
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
  /** Redis key prefix, so tests and tenants can share a server. (On PostgreSQL the queues live in schema `bullmq` of the app's own database.) */
  namespace?: string;
}

export type JobProcessor<Data, Result> = (job: Job<Data, Result>) => Promise<Result>;

export class QueueConnection {
  readonly kind: QueueBackendKind;
  private readonly queues: Queue[] = [];
  private readonly workers: Worker[] = [];
  private readonly redisClients: Redis[] = [];
  private pingClient?: Redis;
  private pgPool?: pg.Pool;

  constructor(private readonly options: QueueConnectionOptions) {
    this.kind = options.redisUrl ? 'redis' : 'postgres';
  }

  /**
   * On PostgreSQL, creates or upgrades BullMQ's schema (under BullMQ's own
   * advisory lock). Call once before the first queue or worker.
   */
  async init(): Promise<void> {
    if (this.kind !== 'postgres') return;
    const client = await this.postgresPool().connect();
    try {
      await runMigrations(client, this.schema());
    } finally {
      client.release();
    }
  }

  queue<Data = unknown>(name: string, options: Omit<QueueOptions, 'connection'> = {}): Queue<Data> {
    const queue =
      this.kind === 'redis'
        ? new Queue<Data>(name, { ...options, connection: this.redis(), prefix: this.options.namespace ?? 'bull' })
        : (new Queue(
            name,
            { ...options, connection: this.postgres() } as never,
            createPostgresBackend,
          ) as unknown as Queue<Data>);
    this.queues.push(queue as Queue);
    return queue;
  }

  worker<Data = unknown, Result = unknown>(
    name: string,
    processor: JobProcessor<Data, Result>,
    options: Omit<WorkerOptions, 'connection'> = {},
  ): Worker<Data, Result> {
    const worker =
      this.kind === 'redis'
        ? new Worker<Data, Result>(name, processor, {
            ...options,
            connection: this.redis({ forWorker: true }),
            prefix: this.options.namespace ?? 'bull',
          })
        : (new Worker(
            name,
            processor as never,
            { ...options, connection: this.postgres() } as never,
            createPostgresBackend,
          ) as unknown as Worker<Data, Result>);
    this.workers.push(worker as Worker);
    return worker;
  }

  /** Resolves when the backend answers; used by /health. */
  async ping(timeoutMs = 2_000): Promise<void> {
    if (this.kind === 'postgres') {
      const client = new pg.Client({ connectionString: this.options.databaseUrl, connectionTimeoutMillis: timeoutMs });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.query('select 1');
      } finally {
        await client.end().catch(() => undefined);
      }
      return;
    }
    this.pingClient ??= this.redis();
    const client = this.pingClient;
    let timer: NodeJS.Timeout | undefined;
    let onReady: (() => void) | undefined;
    // The client is made on the first /health and refuses commands until connected (no offline queue):
    // wait for it, or the first /health after start would say Redis is down when it is not.
    const ready =
      client.status === 'ready'
        ? Promise.resolve()
        : new Promise<void>((resolve) => client.once('ready', (onReady = resolve)));
    const answer = await Promise.race([
      ready.then(() => client.ping()),
      new Promise<never>(
        (_, reject) =>
          (timer = setTimeout(() => reject(new Error(`Redis did not answer within ${timeoutMs} ms`)), timeoutMs)),
      ),
    ]).finally(() => {
      clearTimeout(timer);
      if (onReady) client.off('ready', onReady);
    });
    if (answer !== 'PONG') throw new Error(`Redis answered ${answer}`);
  }

  /** Closes workers first (they finish their current job), then queues and connections. */
  async close(): Promise<void> {
    await Promise.allSettled(this.workers.map((w) => w.close()));
    await Promise.allSettled(this.queues.map((q) => q.close()));
    await Promise.allSettled(this.redisClients.map((c) => c.quit()));
    await this.pgPool?.end().catch(() => undefined);
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

  private schema(): string {
    // BullMQ checks a pool it is handed against its default schema.
    return 'bullmq';
  }

  /**
   * BullMQ gets a pool we own, so that every client in it has an 'error'
   * listener: a server that goes away (or the embedded one stopping at exit)
   * must fail queries, not crash the process. The schema is pinned per
   * connection through search_path, as BullMQ asks of a pool it is handed.
   */
  private postgresPool(): pg.Pool {
    if (!this.pgPool) {
      this.pgPool = new pg.Pool({
        connectionString: this.options.databaseUrl,
        max: 5,
        options: `-c search_path=${this.schema()}`,
        application_name: 'newsledger-bullmq',
      });
      this.pgPool.on('error', () => undefined);
      // Every BullMQ queue and worker adds its own 'error' listener to the pool it is handed.
      this.pgPool.setMaxListeners(0);
      this.pgPool.on('connect', (client) => client.on('error', () => undefined));
    }
    return this.pgPool;
  }

  private postgres() {
    return this.postgresPool();
  }
}
