import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventStore } from '#event-store';
import { type FeedRegistration, type FeedView, registerFeed, removeFeed } from '#feeds';
import { DATABASE, type DatabaseHandle } from '#platform';

// The feed stream's commands on the CommandBus; each handler is the feeds
// library's write (handleCommand with the feed decider, row in the same transaction).

export class RegisterFeed extends Command<FeedView> {
  constructor(
    readonly input: FeedRegistration,
    readonly actor: string,
    readonly correlationId: string,
  ) {
    super();
  }
}

/** Resolves to false when there is no such feed. */
export class RemoveFeed extends Command<boolean> {
  constructor(
    readonly feedId: string,
    readonly actor: string,
    readonly correlationId: string,
  ) {
    super();
  }
}

/** What both handlers need: the database and the event store. */
abstract class FeedWriter {
  constructor(
    @Inject(DATABASE) protected readonly database: DatabaseHandle,
    protected readonly store: EventStore,
  ) {}
}

@CommandHandler(RegisterFeed)
export class RegisterFeedHandler extends FeedWriter implements ICommandHandler<RegisterFeed> {
  execute({ input, actor, correlationId }: RegisterFeed): Promise<FeedView> {
    return registerFeed(this.database.db, this.store, input, actor, correlationId);
  }
}

@CommandHandler(RemoveFeed)
export class RemoveFeedHandler extends FeedWriter implements ICommandHandler<RemoveFeed> {
  execute({ feedId, actor, correlationId }: RemoveFeed): Promise<boolean> {
    return removeFeed(this.database.db, this.store, feedId, actor, correlationId);
  }
}

export const FEED_COMMAND_HANDLERS = [RegisterFeedHandler, RemoveFeedHandler];
