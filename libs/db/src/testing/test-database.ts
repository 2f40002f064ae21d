import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Db, createDb } from '../connection.js';
import { migrateToLatest } from '../migrate.js';

/**
 * A fresh, migrated database per test file on the PostgreSQL that
 * TEST_DATABASE_URL names (a database on it that we may connect to as a
 * superuser; .ci/run provides one). Dropped at the end.
 */
export interface TestDatabase {
  url: string;
  db: Db;
  pool: pg.Pool;
  drop(): Promise<void>;
}

export const TEST_SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const name = `newsledger_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${name}`;
  const { db, pool } = createDb(url.toString(), { maxConnections: 30, applicationName: 'newsledger-test' });
  if (options.migrate !== false) await migrateToLatest(db);
  return {
    url: url.toString(),
    db,
    pool,
    async drop() {
      await db.destroy();
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_SERVER_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
