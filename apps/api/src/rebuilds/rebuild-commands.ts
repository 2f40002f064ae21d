import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ProjectionRebuildRequested } from '#domain';
import { EventStore } from '#event-store';
import { DATABASE, type DatabaseHandle } from '#platform';
import { requestRebuild } from '#read-models';

/** A rebuild request on the CommandBus: handleCommand with the rebuild decider, its progress row in the same transaction. */
export class RequestRebuild extends Command<void> {
  constructor(readonly request: ProjectionRebuildRequested) {
    super();
  }
}

@CommandHandler(RequestRebuild)
export class RequestRebuildHandler implements ICommandHandler<RequestRebuild> {
  constructor(
    @Inject(DATABASE) private readonly database: DatabaseHandle,
    private readonly store: EventStore,
  ) {}

  execute({ request }: RequestRebuild): Promise<void> {
    return requestRebuild(this.database.db, this.store, request);
  }
}
