import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventStore } from '#event-store';
import { ArticleGroupCommit, type IngestResult, type PreparedArticle } from '#ingest';
import { DATABASE, type DatabaseHandle } from '#platform';

/** Store a checked delivery as ArticleReceived in its new stream (the article decider on an empty stream). */
export class StoreArticle extends Command<IngestResult> {
  constructor(readonly prepared: PreparedArticle) {
    super();
  }
}

/**
 * Ingest's write on the CommandBus. It is not handleCommand: a new article's
 * stream must not exist (expected version 0), so a conflict means "already
 * stored", answered from the dedup keys rather than by deciding again; and
 * concurrent deliveries share one transaction and commit (ArticleGroupCommit).
 */
@CommandHandler(StoreArticle)
export class StoreArticleHandler implements ICommandHandler<StoreArticle> {
  private readonly groupCommit: ArticleGroupCommit;

  constructor(@Inject(DATABASE) database: DatabaseHandle, store: EventStore) {
    this.groupCommit = new ArticleGroupCommit(database.db, store);
  }

  execute({ prepared }: StoreArticle): Promise<IngestResult> {
    return this.groupCommit.submit(prepared);
  }
}
