import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningApp, freePort, startCompiledApp } from './support/compiled-app.js';

/**
 * The zero-setup path a newcomer takes: no DATABASE_URL, no REDIS_URL.
 * Runs the compiled app (npm test builds it first) as a real process.
 */
describe('embedded default (no DATABASE_URL, no REDIS_URL)', () => {
  let dataDir: string;
  let app: RunningApp | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'newsledger-embedded-'));
  });
  afterAll(async () => {
    await app?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts an embedded PostgreSQL, answers /health, and leaves no process behind on SIGTERM', async () => {
    const port = await freePort();
    app = await startCompiledApp('apps/standalone/src/main.js', { PORT: String(port), EMBEDDED_PG_DIR: dataDir }, { dropDatabaseEnv: true });
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: 'ok',
      details: { database: { status: 'up', embedded: true }, queue: { status: 'up', backend: 'postgres' } },
    });
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(true);

    const running = app;
    const exit = await running.stop('SIGTERM');
    app = undefined;
    // Killed by its own SIGTERM after a clean shutdown, or exit status 128 + 15; anything else shows the app's last output.
    expect({ exit, output: exit.signal === 'SIGTERM' || exit.code === 0 || exit.code === 143 ? '' : running.output().slice(-3000) }).toEqual({ exit, output: '' });
    // PostgreSQL removes its pid file only when it has shut down.
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
    const processes = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
    expect(processes).not.toContain(dataDir);
  }, 120_000);

  it('refuses to start with a malformed variable and names it', async () => {
    const port = await freePort();
    const run = startCompiledApp('apps/standalone/src/main.js', { PORT: String(port), DATABASE_URL: 'mysql://nope' }, { waitForHealth: false });
    const started = await run;
    const exit = await started.exited;
    expect(exit.code).toBe(1);
    expect(started.output()).toContain('DATABASE_URL: must be a postgres: or postgresql:// URL');
  });
});
