import type { AppConfig } from '#config';
import { type Db, type EmbeddedDatabase, createDb, migrateToLatest, startEmbeddedPostgres } from '#db';
import type pg from 'pg';

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
    embedded = await startEmbeddedPostgres({ dataDir: config.EMBEDDED_PG_DIR });
    url = embedded.url;
  }
  // Migrations run on a connection of their own, without the serving pool's statement_timeout (an index build may take long).
  const migrator = createDb(url, { maxConnections: 1 });
  try {
    const applied = await migrateToLatest(migrator.db);
    if (applied.length > 0) log(`applied migrations: ${applied.join(', ')}`);
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
