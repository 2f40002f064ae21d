// Running the compiled apps for a benchmark: a private Redis, api and worker
// processes, signed deliveries of the dev corpus, and per-process CPU time.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { DEVELOPMENT_WEBHOOK_SECRET } from '#config';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const CORPUS = resolve(ROOT, '../shared/corpus/dev');

export const corpusTexts = (): string[] =>
  readdirSync(CORPUS)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(resolve(CORPUS, f), 'utf8'));

export const freePort = () =>
  new Promise<number>((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });

export interface RedisServer {
  url: string;
  port: number;
  process: ChildProcess;
  stop(): void;
}

/** A private redis-server (no persistence, noeviction as BullMQ wants). */
export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  const child = spawn(
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
  for (let i = 0; i < 50; i++) {
    try {
      execFileSync('redis-cli', ['-p', String(port), 'ping'], { stdio: 'ignore' });
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { url: `redis://127.0.0.1:${port}`, port, process: child, stop: () => void child.kill('SIGKILL') };
}

/** Redis INFO commandstats: calls per command. */
export function redisCommandCalls(port: number): Map<string, number> {
  const text = execFileSync('redis-cli', ['-p', String(port), 'info', 'commandstats'], { encoding: 'utf8' });
  const calls = new Map<string, number>();
  for (const match of text.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) calls.set(match[1]!, Number(match[2]));
  return calls;
}

export interface AppProcess {
  name: string;
  process: ChildProcess;
  /** Stops with SIGTERM (graceful: a CPU profile, if asked for, is written) and waits for the exit. */
  stop(): Promise<void>;
}

/**
 * Starts a compiled app (`apps/api/src/main.js`, `apps/worker/src/main.js`).
 * `cpuList` pins it (taskset) to those CPUs; Node then sees only them
 * (os.availableParallelism), so the worker runs one coder thread per CPU given.
 */
export function startApp(
  name: string,
  entry: string,
  env: Record<string, string>,
  options: { cpuList?: string; nodeArgs?: string[] } = {},
): AppProcess {
  const node = [...(options.nodeArgs ?? []), resolve(ROOT, 'dist', entry)];
  const [command, args] = options.cpuList
    ? ['taskset', ['-c', options.cpuList, process.execPath, ...node]]
    : [process.execPath, node];
  const child = spawn(command as string, args as string[], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return {
    name,
    process: child,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export async function waitHealthy(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (
      await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not become healthy`);
}

const webhook = new Webhook(DEVELOPMENT_WEBHOOK_SECRET);

/** A unique delivery of a corpus text: its own webhook-id, URL, date and a line of its own (so no dedup key repeats). */
export function benchArticle(texts: string[], n: number, tag: string): { id: string; body: string } {
  const id = `msg_bench_${tag}_${n}_${randomUUID().slice(0, 8)}`;
  const publishedAt = `20${String(10 + (n % 12)).padStart(2, '0')}-${String(1 + (Math.floor(n / 12) % 12)).padStart(2, '0')}-07`;
  const body = JSON.stringify({
    url: `https://bench.example.org/${tag}/${n}/${id}`,
    title: `Bench ${tag} ${n}`,
    publishedAt,
    outlet: `Outlet ${n % 5}`,
    body: `${texts[n % texts.length]}\n\n(bench ${id})`,
  });
  return { id, body };
}

export function signedHeaders(id: string, body: string): Record<string, string> {
  const now = new Date();
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': webhook.sign(id, now, body),
  };
}

/** CPU seconds (user + system) a process and its threads have used so far (Linux /proc). */
export function cpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100/s)
  } catch {
    return 0;
  }
}

/** The parent of a process (for a PostgreSQL backend: its postmaster). */
export function parentPid(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
}

/**
 * CPU seconds of each process of one PostgreSQL cluster (the postmaster's
 * children: backends, WAL writer, checkpointer...). Compare two snapshots with
 * cpuSince; a backend that exits in between takes its CPU time with it.
 */
export function clusterCpu(postmasterPid: number): Map<number, number> {
  const pids = execFileSync('pgrep', ['-P', String(postmasterPid)], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map(Number);
  return new Map([postmasterPid, ...pids].map((pid) => [pid, cpuSeconds(pid)]));
}

export function cpuSince(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}
