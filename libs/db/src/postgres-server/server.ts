import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PostgresBinaries } from './binaries.js';
import { type DatabaseUser, giveTo } from './database-user.js';

/**
 * initdb and postgres run as child processes we own: their spawn errors are
 * handled, the server is stopped when (and only when) the app says so, and it
 * runs in its own process group so that a Ctrl-C in the terminal reaches the
 * app (which closes its consumers first) and not the database.
 */
export class PostgresServerError extends Error {
  override name = 'PostgresServerError';
}

export interface ClusterInit {
  binaries: PostgresBinaries;
  dataDir: string;
  user: DatabaseUser;
  superuser: string;
  /** Password of the superuser; without one, local connections are trusted (tests only). */
  password?: string;
}

export async function initCluster(init: ClusterInit): Promise<void> {
  const passwordDir = init.password ? mkdtempSync(join(tmpdir(), 'newsledger-initdb-')) : undefined;
  try {
    const args = [
      `--pgdata=${init.dataDir}`,
      `--username=${init.superuser}`,
      '--encoding=UTF8',
      `--locale=${bestLocale()}`,
    ];
    if (passwordDir) {
      const passwordFile = join(passwordDir, 'password');
      writeFileSync(passwordFile, `${init.password}\n`, { mode: 0o600 });
      giveTo(init.user, passwordDir);
      args.push(`--pwfile=${passwordFile}`, '--auth=scram-sha-256');
    } else {
      args.push('--auth=trust');
    }
    await runToEnd(init.binaries, 'initdb', args, init.user);
  } finally {
    if (passwordDir) rmSync(passwordDir, { recursive: true, force: true });
  }
}

export interface ServerStart {
  binaries: PostgresBinaries;
  dataDir: string;
  user: DatabaseUser;
  port: number;
  /** Extra `-c name=value` settings. */
  settings?: Record<string, string>;
  /** Every line the server writes (it logs to stderr). */
  onLog?: (line: string) => void;
  timeoutMs?: number;
  /**
   * In a process group of its own (default), so a Ctrl-C meant for the app does
   * not stop the database under it; tests keep it in theirs, so it dies with them.
   */
  detached?: boolean;
}

export interface RunningServer {
  pid: number;
  port: number;
  /** Stops the server (smart, then fast shutdown) and waits until it has exited. */
  stop(): Promise<void>;
}

export async function startServer(start: ServerStart): Promise<RunningServer> {
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    // TCP only: no socket file in /tmp or /var/run to collide with or to need permission for.
    unix_socket_directories: '',
    lc_messages: 'C',
    ...start.settings,
  };
  const args = ['-D', start.dataDir, '-p', String(start.port)];
  for (const [name, value] of Object.entries(settings)) args.push('-c', `${name}=${value}`);
  const child = spawnAs(start.binaries, 'postgres', args, start.user, { detached: start.detached ?? true });
  const tail: string[] = [];
  let ready = false;
  const seen = new Promise<void>((resolveReady, reject) => {
    child.once('error', (error) => reject(spawnError(start.binaries, 'postgres', start.user, error)));
    child.once('exit', (code, signal) => {
      if (!ready)
        reject(
          new PostgresServerError(`PostgreSQL exited at start (${signal ?? `code ${code}`}): ${tail.join(' | ')}`),
        );
    });
    forEachLine(child, (line) => {
      tail.push(line);
      if (tail.length > 8) tail.shift();
      start.onLog?.(line);
      if (line.includes('database system is ready to accept connections')) {
        ready = true;
        resolveReady();
      }
    });
  });
  const timeoutMs = start.timeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new PostgresServerError(`PostgreSQL did not start within ${timeoutMs / 1000} s: ${tail.join(' | ')}`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([seen, timedOut]);
  } catch (error) {
    if (child.exitCode === null && child.pid) process.kill(child.pid, 'SIGQUIT');
    throw error;
  } finally {
    clearTimeout(timer);
  }
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  return serverHandle(child.pid!, start.port, exited);
}

/**
 * A server already running on this data folder (its postmaster.pid names a live
 * process): left behind by a process that was killed, or another newsledger's.
 */
export function runningServer(dataDir: string): { pid: number; port: number; orphaned: boolean } | undefined {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const [pidLine, , , portLine] = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  const port = Number(portLine);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || !alive(pid)) return undefined;
  const parent = parentCommand(pid);
  return { pid, port, orphaned: parent !== undefined && !/node/.test(parent) };
}

/** Takes over a server this process did not start (see runningServer). */
export function adoptServer(pid: number, port: number): RunningServer {
  const exited = (async () => {
    while (alive(pid)) await new Promise((r) => setTimeout(r, 50));
  })();
  return serverHandle(pid, port, exited);
}

function serverHandle(pid: number, port: number, exited: Promise<void>): RunningServer {
  // Should the app exit without stopping it (process.exit, an uncaught error), the server goes too.
  const onExit = () => signal(pid, 'SIGINT');
  process.on('exit', onExit);
  let stopping: Promise<void> | undefined;
  return {
    pid,
    port,
    stop() {
      stopping ??= (async () => {
        // Smart shutdown first: the app has closed its pools, but a client's goodbye may still be
        // on its way (pg's pool.end() resolves before the sockets close); cutting those sessions
        // (fast shutdown) would make each of them log an error. Anything still connected after
        // 5 s is cut; after 30 s the server is told to quit at once.
        signal(pid, 'SIGTERM');
        const lingering = setTimeout(() => signal(pid, 'SIGINT'), 5_000);
        const hung = setTimeout(() => signal(pid, 'SIGQUIT'), 30_000);
        await exited;
        clearTimeout(lingering);
        clearTimeout(hung);
        process.off('exit', onExit);
      })();
      return stopping;
    },
  };
}

/** Runs initdb (or another tool of the installation) to its end; rejects with its output when it fails. */
function runToEnd(binaries: PostgresBinaries, tool: string, args: string[], user: DatabaseUser): Promise<void> {
  return new Promise((resolveRun, reject) => {
    const child = spawnAs(binaries, tool, args, user, {});
    const output: string[] = [];
    forEachLine(child, (line) => output.push(line));
    child.once('error', (error) => reject(spawnError(binaries, tool, user, error)));
    child.once('exit', (code, sig) =>
      code === 0
        ? resolveRun()
        : reject(new PostgresServerError(`${tool} failed (${sig ?? `code ${code}`}): ${output.slice(-6).join(' | ')}`)),
    );
  });
}

function spawnAs(
  binaries: PostgresBinaries,
  tool: string,
  args: string[],
  user: DatabaseUser,
  options: { detached?: boolean },
): ChildProcess {
  return spawn(join(binaries.binDir, tool), args, {
    uid: user.uid,
    gid: user.gid,
    detached: options.detached,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
}

function spawnError(binaries: PostgresBinaries, tool: string, user: DatabaseUser, error: Error): PostgresServerError {
  return new PostgresServerError(`cannot run ${join(binaries.binDir, tool)} as ${user.name}: ${error.message}`);
}

function forEachLine(child: ChildProcess, onLine: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream?.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop()!;
      for (const line of lines) if (line.trim()) onLine(line);
    });
  }
}

/** The locale initdb is given: a UTF-8 one where the system has it, so upper()/lower() know non-ASCII letters. */
function bestLocale(): string {
  try {
    const available = new Set(
      execFileSync('locale', ['-a'], { encoding: 'utf8', stdio: 'pipe' })
        .split('\n')
        .map((l) => l.trim()),
    );
    for (const candidate of ['C.UTF-8', 'C.utf8', 'en_US.UTF-8', 'en_US.utf8'])
      if (available.has(candidate)) return candidate;
  } catch {
    /* no `locale` tool: fall back to C */
  }
  return 'C';
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    /* already gone */
  }
}

function parentCommand(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return readFileSync(`/proc/${ppid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return undefined;
  }
}
