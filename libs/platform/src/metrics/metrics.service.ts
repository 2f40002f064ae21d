import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { type AppendObserver, consumerStatuses, openParkedCounts } from '#event-store';
import type { DatabaseHandle } from '../database/database.provider.js';
import { DATABASE } from '../tokens.js';
import { ConsumerRegistry } from '../consumers/consumer-registry.js';

/** Prometheus metrics of this process; consumer lag is read from PostgreSQL at scrape time. */
@Injectable()
export class MetricsService implements AppendObserver {
  readonly registry = new Registry();
  private readonly appended = new Counter({
    name: 'newsledger_events_appended_total',
    help: 'Events appended to the event store by this process, by type',
    labelNames: ['type'],
    registers: [this.registry],
  });

  constructor(
    @Inject(DATABASE) private readonly database: DatabaseHandle,
    private readonly consumers: ConsumerRegistry,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'newsledger_' });
    const lagEvents = new Gauge({ name: 'newsledger_consumer_lag_events', help: 'Events stored after the consumer checkpoint', labelNames: ['consumer'], registers: [this.registry] });
    const lagSeconds = new Gauge({ name: 'newsledger_consumer_lag_seconds', help: 'Age of the oldest event the consumer has not handled', labelNames: ['consumer'], registers: [this.registry] });
    const parked = new Gauge({
      name: 'newsledger_consumer_parked_events',
      help: 'Events the consumer could not apply and parked (not replayed since)',
      labelNames: ['consumer'],
      registers: [this.registry],
    });
    const leader = new Gauge({ name: 'newsledger_consumer_leader', help: '1 when this process leads the consumer', labelNames: ['consumer'], registers: [this.registry] });
    const logPosition = new Gauge({
      name: 'newsledger_event_log_position',
      help: 'Highest global position in the event log',
      registers: [this.registry],
      collect: async () => {
        const row = await this.database.db.selectFrom('events').select((eb) => eb.fn.max('global_position').as('max')).executeTakeFirst();
        logPosition.set(Number(row?.max ?? 0));
        const parkedCounts = await openParkedCounts(this.database.db);
        parked.reset();
        for (const name of new Set([...this.consumers.names(), ...parkedCounts.keys()])) parked.set({ consumer: name }, parkedCounts.get(name) ?? 0);
        for (const status of await consumerStatuses(this.database.db, this.consumers.names())) {
          lagEvents.set({ consumer: status.consumer }, status.lagEvents);
          lagSeconds.set({ consumer: status.consumer }, status.lagSeconds);
          leader.set({ consumer: status.consumer }, this.consumers.get(status.consumer)?.isLeader ? 1 : 0);
        }
      },
    });
  }

  onAppended(_streamId: string, types: string[]): void {
    for (const type of types) this.appended.inc({ type });
  }
}
