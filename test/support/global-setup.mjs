// Jest global setup of the int and e2e projects (jest.config.js): starts the
// run's private PostgreSQL clusters (one per worker) and Redis, unless
// TEST_DATABASE_URL / TEST_REDIS_URL name others. It runs in Jest's own process,
// outside its TypeScript transform, so it loads the compiled code that
// `npm test`, `npm run test:int` and `npm run test:e2e` build first.
// Both projects name this file; the first call starts the services for the whole run.
export default async function globalSetup(globalConfig) {
  if (globalThis.newsledgerTestServices) return;
  let startTestServices;
  try {
    ({ startTestServices } = await import('../../dist/libs/db/src/testing/test-services.js'));
  } catch (error) {
    const how = 'run the tests through npm (npm test, npm run test:int, npm run test:e2e): they build dist/ first';
    throw new Error(`${how} (${error.message})`, { cause: error });
  }
  const started = Date.now();
  const services = await startTestServices(globalConfig.maxWorkers);
  Object.assign(process.env, services.env);
  globalThis.newsledgerTestServices = services;
  process.stderr.write(
    `\nnewsledger tests (${((Date.now() - started) / 1000).toFixed(1)} s to start): ${services.summary}\n`,
  );
}
