import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { type AppendObserver, consumerStatuses, openParkedCounts } from '#event-store';
import type { DatabaseHandle } from '../database/database.provider.js';
import { DATABASE } from '../tokens.js';
import { ConsumerRegistry } from '../consumers/consumer-registry.js';

type ConsumerGauges = Record<'lagEvents' | 'lagSeconds' | 'parked' | 'leader' | 'logPosition', Gauge>;

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
    // prom-client collects every metric at once: each consumer gauge waits for one shared read per scrape,
    // so the figures it prints come from this scrape (not from the one before).
    const collect = (): Promise<void> => this.collectConsumers(gauges);
    const gauge = (name: string, help: string, labelNames: string[] = ['consumer']): Gauge =>
      new Gauge({ name, help, labelNames, registers: [this.registry], collect });
    const gauges: ConsumerGauges = {
      lagEvents: gauge('newsledger_consumer_lag_events', 'Events stored after the consumer checkpoint'),
      lagSeconds: gauge('newsledger_consumer_lag_seconds', 'Age of the oldest event the consumer has not handled'),
      parked: gauge(
        'newsledger_consumer_parked_events',
        'Events the consumer could not apply and parked (not replayed since)',
      ),
      leader: gauge('newsledger_consumer_leader', '1 when this process leads the consumer'),
      logPosition: gauge('newsledger_event_log_position', 'Highest global position in the event log', []),
    };
  }

  private collecting?: Promise<void>;

  private collectConsumers(gauges: ConsumerGauges): Promise<void> {
    this.collecting ??= this.readConsumers(gauges).finally(() => (this.collecting = undefined));
    return this.collecting;
  }

  private async readConsumers(gauges: ConsumerGauges): Promise<void> {
    const db = this.database.db;
    const [row, parkedCounts, statuses] = await Promise.all([
      db
        .selectFrom('events')
        .select((eb) => eb.fn.max('global_position').as('max'))
        .executeTakeFirst(),
      openParkedCounts(db),
      consumerStatuses(db, this.consumers.names()),
    ]);
    gauges.logPosition.set(Number(row?.max ?? 0));
    gauges.parked.reset();
    for (const name of new Set([...this.consumers.names(), ...parkedCounts.keys()]))
      gauges.parked.set({ consumer: name }, parkedCounts.get(name) ?? 0);
    for (const status of statuses) {
      gauges.lagEvents.set({ consumer: status.consumer }, status.lagEvents);
      gauges.lagSeconds.set({ consumer: status.consumer }, status.lagSeconds);
      gauges.leader.set({ consumer: status.consumer }, this.consumers.get(status.consumer)?.isLeader ? 1 : 0);
    }
  }

  onAppended(_streamId: string, types: string[]): void {
    for (const type of types) this.appended.inc({ type });
  }
}
