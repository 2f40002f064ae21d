import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type ArticleCommand, type ArticleStreamEvent, articleDecider, articleStreamId, isEventType } from '#domain';
import { EventStore, handleCommand, newEventId } from '#event-store';

/** Any analyst command on an article, dispatched through @nestjs/cqrs's CommandBus. */
export class ExecuteArticleCommand {
  constructor(
    readonly articleId: string,
    readonly command: ArticleCommand,
    readonly metadata: { actor: string; reason?: string; correlationId: string },
  ) {}
}

export interface ArticleCommandResult {
  articleId: string;
  appended: { eventId: string; type: string }[];
  streamVersion: number;
}

/** A coded event keeps its own id (read models and alerts name it); the article's other events get fresh ones. */
export const articleEventId = (event: ArticleStreamEvent): string =>
  isEventType(event.type) ? (event.data as { eventId: string }).eventId : newEventId();

/** The article's decider through the one command handler (load, fold, decide, append, retry on a conflict). */
@CommandHandler(ExecuteArticleCommand)
export class ArticleCommandHandler implements ICommandHandler<ExecuteArticleCommand, ArticleCommandResult> {
  constructor(private readonly store: EventStore) {}

  async execute({ articleId, command, metadata }: ExecuteArticleCommand): Promise<ArticleCommandResult> {
    const outcome = await handleCommand(this.store, articleStreamId(articleId), articleDecider, command, {
      metadata,
      eventId: articleEventId,
    });
    return {
      articleId,
      appended: outcome.events.map((e) => ({ eventId: e.eventId, type: e.type })),
      streamVersion: outcome.nextExpectedVersion,
    };
  }
}
