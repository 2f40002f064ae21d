import { Module, type OnModuleInit } from '@nestjs/common';
import { ConsumerRegistry } from '#platform';
import { READ_MODEL_PROJECTIONS } from '#read-models';

/**
 * Worker side: registers every read-model projection as a log consumer. The
 * registry starts them once the app has booted; each writes its rows and its
 * checkpoint in the transaction the consumer hands it.
 */
@Module({})
export class ReadModelProjectionsModule implements OnModuleInit {
  constructor(private readonly consumers: ConsumerRegistry) {}

  onModuleInit(): void {
    for (const projection of READ_MODEL_PROJECTIONS)
      this.consumers.register({ ...projection, types: projection.types ? [...projection.types] : undefined });
  }
}
