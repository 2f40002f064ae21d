import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

export interface DbOptions {
  /** Pool size; the log consumers each hold one connection while they lead. */
  maxConnections?: number;
  applicationName?: string;
}

export function createPool(connectionString: string, options: DbOptions = {}): pg.Pool {
  return new pg.Pool({
    connectionString,
    max: options.maxConnections ?? 20,
    application_name: options.applicationName ?? 'newsledger',
    // Fail fast when PostgreSQL is unreachable, so requests answer 503 instead of hanging.
    connectionTimeoutMillis: 5_000,
  });
}

export function createDb(connectionString: string, options: DbOptions = {}): { db: Db; pool: pg.Pool } {
  const pool = createPool(connectionString, options);
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), pool };
}
