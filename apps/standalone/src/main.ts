// `npm start`: api + worker in one process. The first line goes out before the
// framework loads, which takes a few seconds on a busy machine.
process.stderr.write('newsledger: starting api + worker in one process\n');
const { loadConfigOrExit, startHttpApp } = await import('#platform');
const { StandaloneModule } = await import('./standalone.module.js');
const { buildOpenApiDocument } = await import('../../api/src/http/openapi.js');

const config = loadConfigOrExit();
await startHttpApp(StandaloneModule, {
  port: config.PORT,
  host: config.HOST,
  openApi: config.DOCS_PUBLIC && buildOpenApiDocument,
  dashboard: true,
  maxBodyBytes: config.MAX_BODY_BYTES,
  trustProxy: config.TRUST_PROXY,
  rateLimitPerMinute: config.WEBHOOK_RATE_LIMIT_PER_MINUTE,
});
