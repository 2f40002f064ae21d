import type { AppConfig } from '#config';
import { startHttpApp } from '#platform';
import { apiHttpOptions } from '../../api/src/http/http-options.js';
import { StandaloneModule } from './standalone.module.js';

/** api + worker in one process with the dashboard, as `npm start` and `npm run demo` run it. */
export function startStandalone(config: AppConfig) {
  return startHttpApp(StandaloneModule, apiHttpOptions(config));
}
