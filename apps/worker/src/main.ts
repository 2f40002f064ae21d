import { loadConfigOrExit, startHttpApp } from '#platform';
import { WorkerModule } from './worker.module.js';

const config = loadConfigOrExit();
if (!config.DATABASE_URL) {
  // Two processes cannot share one embedded PostgreSQL folder.
  process.stderr.write(
    'newsledger: DATABASE_URL must be set to run the worker apart from the api (npm start runs both on the embedded default)\n',
  );
  process.exit(1);
}
// The worker serves only /health and /metrics over HTTP.
await startHttpApp(WorkerModule, {
  port: config.WORKER_PORT,
  host: config.HOST,
  maxBodyBytes: config.MAX_BODY_BYTES,
  trustProxy: config.TRUST_PROXY,
});
