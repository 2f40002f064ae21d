import { loadConfigOrExit, startHttpApp } from '#platform';
import { buildOpenApiDocument } from '../../api/src/http/openapi.js';
import { StandaloneModule } from './standalone.module.js';

const config = loadConfigOrExit();
await startHttpApp(StandaloneModule, { port: config.PORT, host: config.HOST, openApi: config.DOCS_PUBLIC && buildOpenApiDocument, maxBodyBytes: config.MAX_BODY_BYTES, trustProxy: config.TRUST_PROXY, rateLimitPerMinute: config.WEBHOOK_RATE_LIMIT_PER_MINUTE });
