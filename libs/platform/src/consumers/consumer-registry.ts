import { Inject, Injectable, Logger } from '@nestjs/common';
import { LogConsumer, type LogConsumerOptions, type LogNotifier, type ParkedNotice } from '#event-store';
import type { AppConfig } from '#config';
import type { DatabaseHandle } from '../database/database.provider.js';
import { APP_CONFIG, DATABASE } from '../tokens.js';
import { LOG_NOTIFIER } from './notifier.provider.js';

/**
 * Every log consumer of this process (projections, dispatcher, alert
 * projection) registers here; they start when the app has booted and stop,
 * finishing the batch in hand, on shutdown.
 */
@Injectable()
export class ConsumerRegistry {
  private readonly logger = new Logger('LogConsumers');
  private readonly consumers = new Map<string, LogConsumer>();
  private started = false;

  constructor(
    @Inject(DATABASE) private readonly database: DatabaseHandle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOG_NOTIFIER) private readonly notifier: LogNotifier,
  ) {}

  register(options: LogConsumerOptions): LogConsumer {
    if (this.consumers.has(options.name)) throw new Error(`log consumer ${options.name} is registered twice`);
    const consumer = new LogConsumer(
      this.database.db,
      {
        batchSize: this.config.CONSUMER_BATCH_SIZE,
        pollIntervalMs: this.config.CONSUMER_POLL_MS,
        onError: (error, name) =>
          this.logger.error(
            { err: error, consumer: name },
            `log consumer ${name} failed; retrying from its checkpoint`,
          ),
        onParked: (notice) =>
          this.logger.error(
            parkedLogLine(notice),
            notice.replay
              ? `replay of a parked event failed in ${notice.consumer}; it stays parked`
              : `${notice.consumer} parked an event it could not apply and went on`,
          ),
        ...options,
      },
      this.notifier,
    );
    this.consumers.set(options.name, consumer);
    if (this.started) consumer.start();
    return consumer;
  }

  names(): string[] {
    return [...this.consumers.keys()];
  }

  get(name: string): LogConsumer | undefined {
    return this.consumers.get(name);
  }

  startAll(): void {
    this.started = true;
    for (const consumer of this.consumers.values()) consumer.start();
  }

  async stopAll(): Promise<void> {
    this.started = false;
    await Promise.all([...this.consumers.values()].map((c) => c.stop()));
  }
}

/** What the log says of a parked event: enough to find it (GET /api/operations/parked), never its data. */
export function parkedLogLine({ consumer, event, failure }: ParkedNotice) {
  return {
    consumer,
    eventId: event.eventId,
    type: event.type,
    streamId: event.streamId,
    globalPosition: event.globalPosition.toString(),
    attempts: failure.attempts,
    error: failure.error,
  };
}
