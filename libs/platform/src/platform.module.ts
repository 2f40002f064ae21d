import {
  Global,
  Inject,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { type AppConfig, loadConfig } from '#config';
import { EventStore, type LogNotifier } from '#event-store';
import { QueueConnection } from '#queue';
import { ConsumerRegistry } from './consumers/consumer-registry.js';
import { LOG_NOTIFIER, notifierProvider } from './consumers/notifier.provider.js';
import { type DatabaseHandle, openDatabase } from './database/database.provider.js';
import { HealthController } from './health/health.controller.js';
import { PingController } from './health/ping.controller.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { MetricsService } from './metrics/metrics.service.js';
import { APP_CONFIG, DATABASE } from './tokens.js';

/**
 * What both apps stand on: validated config, the database (configured or
 * embedded, migrated at start), the event store, the log consumers' registry,
 * the queue backend switch, structured logs, /health and /metrics.
 * A plain (non-dynamic) global module, so the api and the worker can share one
 * instance when they run in the same process.
 */
@Global()
@Module({
  imports: [
    CqrsModule.forRoot(),
    TerminusModule.forRoot({ logger: false }),
    LoggerModule.forRootAsync({
      providers: [{ provide: APP_CONFIG, useFactory: () => loadConfig() }],
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.LOG_LEVEL,
          // One line per request comes from http/request-log.ts (method, route, status, ms).
          autoLogging: false,
          redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["webhook-signature"]'],
        },
      }),
    }),
  ],
  controllers: [HealthController, PingController, MetricsController],
  providers: [
    { provide: APP_CONFIG, useFactory: () => loadConfig() },
    {
      provide: DATABASE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => openDatabase(config, (message) => new Logger('Database').log(message)),
    },
    notifierProvider,
    ConsumerRegistry,
    MetricsService,
    {
      provide: EventStore,
      inject: [DATABASE, MetricsService],
      useFactory: (database: DatabaseHandle, metrics: MetricsService) => new EventStore(database.db, metrics),
    },
    {
      provide: QueueConnection,
      inject: [APP_CONFIG, DATABASE],
      useFactory: async (config: AppConfig, database: DatabaseHandle) => {
        const queues = new QueueConnection({ redisUrl: config.REDIS_URL, databaseUrl: database.url });
        await queues.init();
        return queues;
      },
    },
  ],
  exports: [
    APP_CONFIG,
    DATABASE,
    LOG_NOTIFIER,
    ConsumerRegistry,
    MetricsService,
    EventStore,
    QueueConnection,
    CqrsModule,
  ],
})
export class PlatformModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Platform');

  constructor(
    @Inject(DATABASE) private readonly database: DatabaseHandle,
    @Inject(LOG_NOTIFIER) private readonly notifier: LogNotifier,
    private readonly consumers: ConsumerRegistry,
    private readonly queues: QueueConnection,
  ) {}

  onApplicationBootstrap(): void {
    this.consumers.startAll();
    this.logger.log(`started ${this.consumers.names().length} log consumer(s); queue backend: ${this.queues.kind}`);
  }

  /** Order matters: stop reading the log, drain queue workers, then close connections and the embedded server. */
  async onApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log(`shutting down${signal ? ` on ${signal}` : ''}`);
    await this.consumers.stopAll();
    await this.queues.close();
    await this.notifier.stop();
    await this.database.close();
  }
}
