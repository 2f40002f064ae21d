import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../embedded-postgres.js';
import { type PostgresBinaries, embeddedBinaries, systemBinaries } from '../postgres-server/binaries.js';
import { databaseUser, giveTo } from '../postgres-server/database-user.js';
import { reachableBinaries } from '../postgres-server/placement.js';
import { type RunningServer, initCluster, startServer } from '../postgres-server/server.js';

/**
 * The services of one test run, started by Jest's global setup
 * (test/support/global-setup.mjs) unless the environment names its own:
 *
 * - one private PostgreSQL cluster per Jest worker, on a free port. Log
 *   consumers read only below the oldest transaction open on the whole server,
 *   so a cluster shared with anything else (another worker's test, another
 *   project, a psql left open) can stall them; a cluster per worker cannot be.
 *   Debian's binaries (/usr/lib/postgresql) when present, else the embedded ones.
 * - one private Redis (`redis-server` on a free port), when installed.
 *
 * TEST_DATABASE_URL / TEST_REDIS_URL, when set, are used instead.
 */
export interface TestServices {
  /**
   * Variables for the test workers: NEWSLEDGER_TEST_DATABASE_URLS (one URL per worker, picked by
   * test/support/worker-database.ts) and TEST_REDIS_URL.
   */
  env: Record<string, string>;
  summary: string;
  stop(): Promise<void>;
}

const PREFIX = 'newsledger-test-pg-';
/** Settings for throwaway clusters: durability off (a crash loses nothing we keep), room for many pools. */
const TEST_SETTINGS = {
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  max_connections: '300',
  shared_buffers: '32MB',
};

export async function startTestServices(workers: number): Promise<TestServices> {
  const env: Record<string, string> = {};
  const summary: string[] = [];
  const stops: (() => Promise<void>)[] = [];
  try {
    if (process.env.TEST_DATABASE_URL) {
      summary.push(
        `PostgreSQL: TEST_DATABASE_URL (${redact(process.env.TEST_DATABASE_URL)}), shared by ${workers} worker(s)`,
      );
    } else {
      const clusters = await startClusters(workers);
      stops.push(clusters.stop);
      env.NEWSLEDGER_TEST_DATABASE_URLS = clusters.urls.join(' ');
      const binaries = `${clusters.source} binaries ${clusters.version}`;
      summary.push(`PostgreSQL: ${workers} private cluster(s) (${binaries}) in ${clusters.base}`);
    }
    if (process.env.TEST_REDIS_URL) {
      summary.push(`Redis: TEST_REDIS_URL (${redact(process.env.TEST_REDIS_URL)})`);
    } else if (hasCommand('redis-server')) {
      const redis = await startRedis();
      stops.push(redis.stop);
      env.TEST_REDIS_URL = redis.url;
      summary.push(`Redis: private redis-server on ${redis.url}`);
    } else {
      summary.push(
        'Redis: redis-server is not installed and TEST_REDIS_URL is unset: tests needing Redis use 127.0.0.1:6379',
      );
    }
  } catch (error) {
    for (const stop of stops.reverse()) await stop();
    throw error;
  }
  return {
    env,
    summary: summary.join('; '),
    async stop() {
      for (const stop of stops.reverse()) await stop();
    },
  };
}

interface Clusters {
  urls: string[];
  base: string;
  source: string;
  version: string;
  stop(): Promise<void>;
}

async function startClusters(count: number): Promise<Clusters> {
  removeAbandonedRuns();
  const user = databaseUser();
  const binaries = reachableBinaries(pickBinaries(), user, () => undefined);
  const base = mkdtempSync(join(tmpdir(), PREFIX));
  // mkdtemp makes it private to us; as root the clusters run as postgres, which must enter it.
  chmodSync(base, 0o755);
  writeFileSync(join(base, 'owner.pid'), String(process.pid));
  const servers: RunningServer[] = [];
  const stop = async () => {
    await Promise.all(servers.map((server) => server.stop()));
    rmSync(base, { recursive: true, force: true });
  };
  try {
    const template = join(base, 'template');
    mkdirSync(template);
    giveTo(user, template);
    await initCluster({ binaries, dataDir: template, user, superuser: 'postgres' });
    const dirs = Array.from({ length: count }, (_, i) => join(base, `worker-${i + 1}`));
    // Copying an initialised cluster is faster than running initdb again (cp -a keeps owners and modes).
    for (const dir of dirs) execFileSync('cp', ['-a', template, dir]);
    const started = await Promise.all(
      dirs.map(async (dataDir) =>
        startServer({ binaries, dataDir, user, port: await freePort(), settings: TEST_SETTINGS, detached: false }),
      ),
    );
    servers.push(...started);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    urls: servers.map((server) => `postgres://postgres@127.0.0.1:${server.port}/postgres`),
    base,
    source: binaries.source,
    version: binaries.version,
    stop,
  };
}

/** TEST_PG_BINARIES=embedded|system picks; by default Debian's when installed. */
function pickBinaries(): PostgresBinaries {
  const wanted = process.env.TEST_PG_BINARIES;
  if (wanted === 'embedded') return embeddedBinaries();
  const system = systemBinaries();
  if (wanted === 'system' && !system)
    throw new Error('TEST_PG_BINARIES=system but /usr/lib/postgresql has no PostgreSQL');
  return system ?? embeddedBinaries();
}

/** Folders of earlier runs whose Jest was killed before its teardown (their servers died with it). */
function removeAbandonedRuns(): void {
  for (const entry of readdirSync(tmpdir())) {
    if (!entry.startsWith(PREFIX)) continue;
    const folder = join(tmpdir(), entry);
    const ownerFile = join(folder, 'owner.pid');
    const owner = existsSync(ownerFile) ? Number(readFileSync(ownerFile, 'utf8')) : 0;
    if (!owner || !alive(owner)) rmSync(folder, { recursive: true, force: true });
  }
}

async function startRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--maxmemory-policy',
      'noeviction',
    ],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('error', () => undefined);
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`redis-server did not start on port ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

async function accepts(port: number): Promise<boolean> {
  const { connect } = await import('node:net');
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
