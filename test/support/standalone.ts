import { type TestDatabase, createTestDatabase } from '#db/testing/test-database';
import { type RunningApp, freePort, startCompiledApp } from './compiled-app.js';
import { PrivateRedis } from './redis-server.js';

/** The compiled standalone app (api + worker) on a database and a Redis of its own, as most end-to-end specs run it. */
export interface Standalone {
  testDb: TestDatabase;
  /** A Redis of its own: article ids derive from the article, so a shared Redis's completed job (jobId = article id) from an earlier run would swallow this run's. */
  redis: PrivateRedis;
  app: RunningApp;
  baseUrl: string;
  /** Stops the app (SIGTERM, as an operator would), then Redis, then drops the database. */
  stop(): Promise<void>;
}

/**
 * Starts it with `env` over the defaults (a fast consumer poll). Pass
 * `testDb` to use a database the spec has already seeded; it is dropped by
 * `stop()` all the same.
 */
export async function startStandalone(
  env: Record<string, string> = {},
  options: { testDb?: TestDatabase } = {},
): Promise<Standalone> {
  const testDb = options.testDb ?? (await createTestDatabase());
  const redis = new PrivateRedis(await freePort());
  let app: RunningApp;
  const port = await freePort();
  try {
    await redis.start();
    app = await startCompiledApp('apps/standalone/src/main.js', {
      PORT: String(port),
      DATABASE_URL: testDb.url,
      REDIS_URL: redis.url,
      CONSUMER_POLL_MS: '200',
      ...env,
    });
  } catch (error) {
    // Nothing left behind by a start that failed (the spec's afterAll has no handle to stop).
    await redis.stop().catch(() => undefined);
    await testDb.drop().catch(() => undefined);
    throw error;
  }
  return {
    testDb,
    redis,
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    async stop() {
      await app.stop('SIGTERM');
      await redis.stop();
      await testDb.drop();
    },
  };
}
