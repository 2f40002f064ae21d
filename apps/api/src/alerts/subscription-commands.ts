import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  type CreateSubscriptionInput,
  type SubscriptionView,
  type UpdateSubscriptionInput,
  createSubscription,
  deleteSubscription,
  updateSubscription,
} from '#alerts';
import { EventStore } from '#event-store';
import { DATABASE, type DatabaseHandle } from '#platform';

// The subscription stream's commands on the CommandBus; each handler is the
// alerts library's write (handleCommand with the subscription decider, row in
// the same transaction).

type Written = { subscription: SubscriptionView; webhookSecret: string | null };

export class CreateSubscription extends Command<Written> {
  constructor(
    readonly input: CreateSubscriptionInput,
    readonly by: string,
  ) {
    super();
  }
}

export class UpdateSubscription extends Command<Written> {
  constructor(
    readonly id: string,
    readonly input: UpdateSubscriptionInput,
    readonly by: string,
  ) {
    super();
  }
}

/** Resolves to false when there is no such subscription (or it is deleted). */
export class DeleteSubscription extends Command<boolean> {
  constructor(
    readonly id: string,
    readonly by: string,
  ) {
    super();
  }
}

abstract class SubscriptionWriter {
  constructor(
    @Inject(DATABASE) protected readonly database: DatabaseHandle,
    protected readonly store: EventStore,
  ) {}
}

@CommandHandler(CreateSubscription)
export class CreateSubscriptionHandler extends SubscriptionWriter implements ICommandHandler<CreateSubscription> {
  execute({ input, by }: CreateSubscription): Promise<Written> {
    return createSubscription(this.database.db, this.store, input, by);
  }
}

@CommandHandler(UpdateSubscription)
export class UpdateSubscriptionHandler extends SubscriptionWriter implements ICommandHandler<UpdateSubscription> {
  execute({ id, input, by }: UpdateSubscription): Promise<Written> {
    return updateSubscription(this.database.db, this.store, id, input, by);
  }
}

@CommandHandler(DeleteSubscription)
export class DeleteSubscriptionHandler extends SubscriptionWriter implements ICommandHandler<DeleteSubscription> {
  execute({ id, by }: DeleteSubscription): Promise<boolean> {
    return deleteSubscription(this.database.db, this.store, id, by);
  }
}

export const SUBSCRIPTION_COMMAND_HANDLERS = [
  CreateSubscriptionHandler,
  UpdateSubscriptionHandler,
  DeleteSubscriptionHandler,
];
