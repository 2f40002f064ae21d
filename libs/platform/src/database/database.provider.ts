import type { AppConfig } from '#config';
import { type Db, type EmbeddedDatabase, createDb, migrateToLatest, startEmbeddedPostgres } from '#db';
import type pg from 'pg';
import { Logger } from '@nestjs/common';
import { progress } from '../progress.js';

/** The process's database: a configured PostgreSQL, or the embedded one started here. */
export interface DatabaseHandle {
  url: string;
  db: Db;
  pool: pg.Pool;
  embedded: boolean;
  close(): Promise<void>;
}

export async function openDatabase(config: AppConfig, log: (message: string) => void): Promise<DatabaseHandle> {
  let embedded: EmbeddedDatabase | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    log(`DATABASE_URL is not set: starting embedded PostgreSQL in ${config.EMBEDDED_PG_DIR}`);
    progress(`DATABASE_URL is not set: starting the embedded PostgreSQL (EMBEDDED_PG_DIR ${config.EMBEDDED_PG_DIR})`);
    const serverLog = new Logger('PostgreSQL');
    const serverLines = (line: string) => serverLog.debug(line);
    embedded = await startEmbeddedPostgres({ dataDir: config.EMBEDDED_PG_DIR, progress, log: serverLines });
    url = embedded.url;
  }
  // Migrations run on a connection of their own, without the serving pool's statement_timeout (an index build may take long).
  const migrator = createDb(url, { maxConnections: 1 });
  try {
    progress('migrating the database schema');
    const applied = await migrateToLatest(migrator.db);
    if (applied.length > 0) log(`applied migrations: ${applied.join(', ')}`);
    progress(applied.length > 0 ? `applied ${applied.length} migration(s)` : 'database schema up to date');
  } catch (error) {
    await migrator.db.destroy();
    await embedded?.stop();
    throw error;
  }
  await migrator.db.destroy();
  const { db, pool } = createDb(url, { statementTimeoutMs: config.STATEMENT_TIMEOUT_MS });
  return {
    url,
    db,
    pool,
    embedded: embedded !== undefined,
    async close() {
      await db.destroy();
      await embedded?.stop();
    },
  };
}
