import type { AppConfig } from '#config';
import { startHttpApp } from '#platform';
import { buildOpenApiDocument } from '../../api/src/http/openapi.js';
import { StandaloneModule } from './standalone.module.js';

/** api + worker in one process with the dashboard, as `npm start` and `npm run demo` run it. */
export function startStandalone(config: AppConfig) {
  return startHttpApp(StandaloneModule, {
    port: config.PORT,
    host: config.HOST,
    openApi: config.DOCS_PUBLIC && buildOpenApiDocument,
    dashboard: true,
    maxBodyBytes: config.MAX_BODY_BYTES,
    trustProxy: config.TRUST_PROXY,
    rateLimitPerMinute: config.WEBHOOK_RATE_LIMIT_PER_MINUTE,
  });
}
