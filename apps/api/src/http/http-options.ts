import type { AppConfig } from '#config';
import type { HttpAppOptions } from '#platform';
import { buildOpenApiDocument } from './openapi.js';

/** How the api's HTTP server runs, from the validated config: the api alone and api + worker in one process alike. */
export function apiHttpOptions(config: AppConfig): HttpAppOptions {
  return {
    port: config.PORT,
    host: config.HOST,
    openApi: config.DOCS_PUBLIC && buildOpenApiDocument,
    dashboard: true,
    maxBodyBytes: config.MAX_BODY_BYTES,
    trustProxy: config.TRUST_PROXY,
    rateLimitPerMinute: config.WEBHOOK_RATE_LIMIT_PER_MINUTE,
  };
}
