import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger as PinoLogger } from 'nestjs-pino';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import { type AppConfig, ConfigError, loadConfig } from '#config';
import { ErrorFilter } from './http/error.filter.js';
import { NewsledgerFastifyAdapter } from './http/fastify-adapter.js';
import { useJsonBodyParser } from './http/json-body.js';
import { useRequestLog } from './http/request-log.js';
import { useRequestTimeout } from './http/request-timeout.js';

/** Validates the environment first: a bad variable stops the process with a message naming it. */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`newsledger: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

export interface HttpAppOptions {
  port: number;
  host: string;
  maxBodyBytes: number;
  /** Fastify's trustProxy: which X-Forwarded-For to believe (see TRUST_PROXY). */
  trustProxy?: boolean | number | string[];
  /** Requests per minute per client IP on routes that opt in with @RouteConfig({ rateLimit: {} }). */
  rateLimitPerMinute?: number;
  /** Publish the OpenAPI document at /docs: true for the bare generated one, or the app's own builder (security schemes etc.). */
  openApi?: boolean | ((app: NestFastifyApplication) => OpenAPIObject);
  /** REQUEST_TIMEOUT_MS unless given (see http/request-timeout.ts). */
  requestTimeoutMs?: number;
}

/** Creates and starts a Fastify-backed Nest app with JSON logs, OpenAPI and graceful SIGTERM. */
export async function startHttpApp(rootModule: unknown, options: HttpAppOptions): Promise<NestFastifyApplication> {
  const requestTimeoutMs = options.requestTimeoutMs ?? loadConfig().REQUEST_TIMEOUT_MS;
  const adapter = new NewsledgerFastifyAdapter({
    trustProxy: (options.trustProxy ?? false) as boolean /* Fastify takes a hop count too; the adapter's type omits it */,
    bodyLimit: options.maxBodyBytes,
    // Receiving a whole request (headers and body) may take this long; a slower sender gets 408.
    requestTimeout: requestTimeoutMs,
  });
  const app = await NestFactory.create<NestFastifyApplication>(rootModule as never, adapter, {
    bufferLogs: true,
    // Webhook signatures are checked over the exact bytes received.
    rawBody: true,
  });
  app.useLogger(app.get(PinoLogger));
  app.useGlobalFilters(new ErrorFilter());
  useJsonBodyParser(app, options.maxBodyBytes);
  useRequestLog(app);
  useRequestTimeout(app, requestTimeoutMs);
  // Admin sessions travel in a cookie (apps/api/src/auth); unsigned, since the token is random and stored hashed.
  await app.register(cookie as never);
  await app.register(rateLimit as never, { global: false, max: options.rateLimitPerMinute ?? 600, timeWindow: 60_000 });
  app.enableShutdownHooks();
  if (options.openApi) {
    const document =
      typeof options.openApi === 'function'
        ? options.openApi(app)
        : SwaggerModule.createDocument(
            app,
            new DocumentBuilder()
              .setTitle('newsledger')
              .setDescription('Event-sourced news tracking: articles in, coded political events out, alerts to downstream consumers.')
              .setVersion('0.1.0')
              .build(),
          );
    SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json', swaggerOptions: { persistAuthorization: true } });
  }
  await app.listen(options.port, options.host);
  return app;
}
