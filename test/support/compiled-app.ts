import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

/** A compiled app (from dist/, built by `npm test`'s pretest; or another copy's, `root`) running as a child process. */
export interface RunningApp {
  process: ChildProcess;
  port?: number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(): Promise<void>;
}

const ROOT = resolve(import.meta.dirname, '../..');

export async function startCompiledApp(
  entry: string,
  env: Record<string, string>,
  options: { dropDatabaseEnv?: boolean; waitForHealth?: boolean; timeoutMs?: number; root?: string } = {},
): Promise<RunningApp> {
  const childEnv: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: 'warn', ...env };
  if (options.dropDatabaseEnv) {
    delete childEnv.DATABASE_URL;
    delete childEnv.REDIS_URL;
  }
  const root = options.root ?? ROOT;
  const child = spawn(process.execPath, [resolve(root, 'dist', entry)], {
    cwd: root,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) =>
    child.once('exit', (code, signal) => resolveExit({ code, signal })),
  );
  const app: RunningApp = {
    process: child,
    port: env.PORT ? Number(env.PORT) : undefined,
    exited,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      child.kill(signal);
      return exited;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
  if (options.waitForHealth !== false) {
    const deadline = Date.now() + (options.timeoutMs ?? 60_000);
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}:\n${output}`);
      const ok = await fetch(`http://127.0.0.1:${env.PORT}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline) {
        await app.kill();
        throw new Error(`${entry} did not become healthy:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return app;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
