import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { relocatedDataDir } from '#db/embedded-postgres';
import { type RunningApp, freePort, startCompiledApp } from './support/compiled-app.js';
import { type PrivateClone, makePrivateClone } from './support/private-clone.js';

const asRoot = process.getuid?.() === 0;

/**
 * The zero-setup path a newcomer takes: no DATABASE_URL, no REDIS_URL, from a
 * project folder only its owner can enter (a clone in root's home or a
 * `mktemp -d`). As root, PostgreSQL runs as the user postgres, which cannot
 * enter that folder: the binaries are copied and the data placed under
 * /var/lib/newsledger, and the start says so. Stopping prints one line and
 * exits 0.
 */
describe('embedded default (no DATABASE_URL, no REDIS_URL) from a folder only its owner can enter', () => {
  let clone: PrivateClone;
  let dataDir: string;
  let app: RunningApp | undefined;

  beforeAll(() => {
    clone = makePrivateClone();
    const configured = join(clone.root, '.newsledger', 'pg');
    dataDir = asRoot ? relocatedDataDir(configured) : configured;
  });
  afterAll(async () => {
    await app?.kill();
    clone.remove();
    if (asRoot) rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts, says where it listens and where the data is, and stops on SIGTERM with one line and exit code 0', async () => {
    const port = await freePort();
    app = await startCompiledApp(
      'apps/standalone/src/main.js',
      { PORT: String(port) },
      { dropDatabaseEnv: true, root: clone.root },
    );
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: 'ok',
      details: { database: { status: 'up', embedded: true }, queue: { status: 'up', backend: 'postgres' } },
    });
    const started = app.output();
    expect(started).toContain('newsledger: first run: creating the database cluster');
    expect(started).toContain(`data in ${dataDir} (kept between runs)`);
    const configured = join(clone.root, '.newsledger', 'pg');
    if (asRoot) {
      expect(started).toContain(
        `the user postgres cannot enter ${clone.outer}, so the data of ${configured} lives in ${dataDir}`,
      );
    }
    const base = `http://localhost:${port}`;
    expect(started).toContain(
      `newsledger: listening on ${base} (all interfaces) — dashboard at ${base}/admin, API docs at ${base}/docs`,
    );
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(true);

    const stopped = await stop(app, 'SIGTERM');
    app = undefined;
    expect(stopped).toEqual({
      exit: { code: 0, signal: null },
      afterSignal: ['newsledger: SIGTERM: stopping (HTTP, then consumers and workers, then the database)'],
    });
    // PostgreSQL removes its pid file only when it has shut down.
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
    expect(execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })).not.toContain(dataDir);
  }, 180_000);

  it('keeps the database between runs: the second start finds it, the demo codes its article and stops on Ctrl-C (sent twice, as under npm)', async () => {
    const port = await freePort();
    app = await startCompiledApp(
      'scripts/demo.js',
      { PORT: String(port) },
      { dropDatabaseEnv: true, root: clone.root, waitForHealth: false },
    );
    const running = app;
    await until(() => running.output().includes('Send the next article to POST'), 150_000, running);
    const output = running.output();
    expect(output).toContain('newsledger: demo: starting newsledger');
    expect(output).not.toContain('first run');
    expect(output).toContain('newsledger: database schema up to date');
    expect(output).toMatch(/"[^"]+" — coded, \d+ events/);
    expect(output).toContain('whsec_');

    const stopped = await stop(running, 'SIGINT', { twice: true });
    app = undefined;
    expect(stopped).toEqual({
      exit: { code: 0, signal: null },
      afterSignal: ['newsledger: SIGINT: stopping (HTTP, then consumers and workers, then the database)'],
    });
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
  }, 180_000);

  it('refuses to start with a malformed variable and names it', async () => {
    const port = await freePort();
    const started = await startCompiledApp(
      'apps/standalone/src/main.js',
      { PORT: String(port), DATABASE_URL: 'mysql://nope' },
      { waitForHealth: false },
    );
    const exit = await started.exited;
    expect(exit.code).toBe(1);
    expect(started.output()).toContain('DATABASE_URL: must be a postgres: or postgresql:// URL');
  });
});

/** Sends the signal; returns the exit and every line printed after it (warnings and errors included). */
async function stop(
  app: RunningApp,
  signal: NodeJS.Signals,
  options: { twice?: boolean } = {},
): Promise<{ exit: { code: number | null; signal: string | null }; afterSignal: string[] }> {
  const before = app.output().length;
  // A Ctrl-C under npm reaches the app twice at once: from the terminal and forwarded by npm.
  if (options.twice) app.process.kill(signal);
  const exit = await app.stop(signal);
  const afterSignal = app
    .output()
    .slice(before)
    .split('\n')
    .filter((line) => line.trim() !== '');
  return { exit, afterSignal };
}

async function until(done: () => boolean, timeoutMs: number, app: RunningApp): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (app.process.exitCode !== null)
      throw new Error(`exited with ${app.process.exitCode}:\n${app.output().slice(-3000)}`);
    if (Date.now() > deadline) throw new Error(`timed out; output so far:\n${app.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
