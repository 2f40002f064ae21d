import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventStore } from '#event-store';
import { ConsumerRegistry } from '#platform';
import { createAlertProjection } from '#alerts';

/** Registers the alert projection as a log consumer (after the incidents projection). */
@Injectable()
export class AlertProjectionService implements OnModuleInit {
  constructor(
    private readonly consumers: ConsumerRegistry,
    private readonly store: EventStore,
  ) {}

  onModuleInit(): void {
    const { name, types, after, handle } = createAlertProjection(this.store);
    this.consumers.register({
      name,
      types: types ? [...types] : undefined,
      after: after ? [...after] : undefined,
      handle,
    });
  }
}
