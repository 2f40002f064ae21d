import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

export interface DbOptions {
  /** Pool size; the log consumers each hold one connection while they lead. */
  maxConnections?: number;
  applicationName?: string;
  /** PostgreSQL statement_timeout for every connection (ms); unset or 0: none. */
  statementTimeoutMs?: number;
}

export function createPool(connectionString: string, options: DbOptions = {}): pg.Pool {
  return new pg.Pool({
    connectionString,
    max: options.maxConnections ?? 20,
    application_name: options.applicationName ?? 'newsledger',
    // Fail fast when PostgreSQL is unreachable, so requests answer 503 instead of hanging.
    connectionTimeoutMillis: 5_000,
    // A query that runs away (or waits on a lock) fails with 57014 instead of holding its request forever.
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
  });
}

export function createDb(connectionString: string, options: DbOptions = {}): { db: Db; pool: pg.Pool } {
  const pool = createPool(connectionString, options);
  // A client that loses its server emits 'error': unheard, that would crash the
  // process. The query in flight still rejects, and the pool replaces the client.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), pool };
}
