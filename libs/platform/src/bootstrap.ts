import 'reflect-metadata';
import type { LoggerService } from '@nestjs/common';
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
import { progress } from './progress.js';

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
  /** The app serves the dashboard at /admin (named in the "listening on" line). */
  dashboard?: boolean;
}

/**
 * Creates and starts a Fastify-backed Nest app with JSON logs and OpenAPI; says
 * where it listens; stops cleanly on SIGINT/SIGTERM. A failure to start is one
 * line on stderr and exit code 1.
 */
export async function startHttpApp(rootModule: unknown, options: HttpAppOptions): Promise<NestFastifyApplication> {
  try {
    return await createAndListen(rootModule, options);
  } catch (error) {
    exitOnStartupError(error);
  }
}

async function createAndListen(rootModule: unknown, options: HttpAppOptions): Promise<NestFastifyApplication> {
  const requestTimeoutMs = options.requestTimeoutMs ?? loadConfig().REQUEST_TIMEOUT_MS;
  // Fastify takes a hop count for trustProxy too; the adapter's type omits it.
  const adapter = new NewsledgerFastifyAdapter({
    trustProxy: (options.trustProxy ?? false) as boolean,
    bodyLimit: options.maxBodyBytes,
    // Receiving a whole request (headers and body) may take this long; a slower sender gets 408.
    requestTimeout: requestTimeoutMs,
  });
  const app = await NestFactory.create<NestFastifyApplication>(rootModule as never, adapter, {
    bufferLogs: true,
    // A failed start throws to startHttpApp (one line) instead of exiting with Nest's stack dump.
    abortOnError: false,
    autoFlushLogs: false,
    // Webhook signatures are checked over the exact bytes received.
    rawBody: true,
  });
  app.useLogger(new QuietBootLogger(app.get(PinoLogger)));
  app.flushLogs();
  app.useGlobalFilters(new ErrorFilter());
  useJsonBodyParser(app, options.maxBodyBytes);
  useRequestLog(app);
  useRequestTimeout(app, requestTimeoutMs);
  // Admin sessions travel in a cookie (apps/api/src/auth); unsigned, since the token is random and stored hashed.
  await app.register(cookie as never);
  await app.register(rateLimit as never, { global: false, max: options.rateLimitPerMinute ?? 600, timeWindow: 60_000 });
  stopOnSignals(app);
  if (options.openApi) {
    const document =
      typeof options.openApi === 'function'
        ? options.openApi(app)
        : SwaggerModule.createDocument(
            app,
            new DocumentBuilder()
              .setTitle('newsledger')
              .setDescription(
                'Event-sourced news tracking: articles in, coded political events out, alerts to downstream consumers.',
              )
              .setVersion('0.1.0')
              .build(),
          );
    SwaggerModule.setup('docs', app, document, {
      jsonDocumentUrl: 'docs/openapi.json',
      swaggerOptions: { persistAuthorization: true },
    });
  }
  await app.listen(options.port, options.host);
  const base = `http://${displayHost(options.host)}:${options.port}`;
  const where = [
    options.dashboard && `dashboard at ${base}/admin`,
    options.openApi && `API docs at ${base}/docs`,
  ].filter(Boolean);
  const everywhere = options.host === '0.0.0.0' || options.host === '::' ? ' (all interfaces)' : '';
  progress(`listening on ${base}${everywhere}${where.length ? ` — ${where.join(', ')}` : ''}`);
  return app;
}

let stopRequested = false;

/** True once SIGINT or SIGTERM has asked the app to stop (a script's loops end quietly then). */
export function isStopping(): boolean {
  return stopRequested;
}

/**
 * One line per signal, then Nest's shutdown hooks in order (HTTP, consumers
 * and workers, then the database — see PlatformModule) and exit code 0. A
 * second signal (2 s or more after the first) exits at once; a stop that hangs
 * exits 1 after 30 s.
 */
function stopOnSignals(app: NestFastifyApplication): void {
  let firstSignalAt = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopRequested) {
      // A Ctrl-C under `npm start` arrives twice at once: from the terminal and forwarded by npm.
      if (Date.now() - firstSignalAt < 2_000) return;
      progress(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopRequested = true;
    firstSignalAt = Date.now();
    progress(`${signal}: stopping (HTTP, then consumers and workers, then the database)`);
    const hung = setTimeout(() => {
      progress('still stopping after 30 s: exiting anyway');
      process.exit(1);
    }, 30_000);
    hung.unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        progress(`stopping failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/** Prints why the app could not start (the stack too when it is not a known, explained failure) and exits 1. */
export function exitOnStartupError(error: unknown): never {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'EADDRINUSE') progress(`cannot start: ${message} (another program uses this port: set PORT)`);
  else if (error instanceof Error && EXPLAINED.has(error.name)) progress(`cannot start: ${message}`);
  else progress(`cannot start: ${error instanceof Error && error.stack ? error.stack : message}`);
  process.exit(1);
}

/** Failures whose message says all there is to say. */
const EXPLAINED = new Set([
  'ConfigError',
  'PostgresServerError',
  'DatabaseUserError',
  'EmbeddedPostgresError',
  'MigrationError',
]);

function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

/** Nest's start-up chatter (every module loaded, every route mapped) at debug, not info. */
const BOOT_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

class QuietBootLogger implements LoggerService {
  constructor(private readonly inner: LoggerService) {}

  log(message: unknown, ...rest: unknown[]): void {
    const context = rest.at(-1);
    if (typeof context === 'string' && BOOT_CONTEXTS.has(context)) this.inner.debug?.(message, ...rest);
    else this.inner.log(message, ...rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.inner.error(message, ...rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.inner.warn(message, ...rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.inner.debug?.(message, ...rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.inner.verbose?.(message, ...rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    (this.inner.fatal ?? this.inner.error).call(this.inner, message, ...rest);
  }
}
