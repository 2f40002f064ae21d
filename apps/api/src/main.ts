import { loadConfigOrExit, startHttpApp } from '#platform';
import { ApiModule } from './api.module.js';
import { buildOpenApiDocument } from './http/openapi.js';

const config = loadConfigOrExit();
await startHttpApp(ApiModule, {
  port: config.PORT,
  host: config.HOST,
  openApi: config.DOCS_PUBLIC && buildOpenApiDocument,
  dashboard: true,
  maxBodyBytes: config.MAX_BODY_BYTES,
  trustProxy: config.TRUST_PROXY,
  rateLimitPerMinute: config.WEBHOOK_RATE_LIMIT_PER_MINUTE,
});
