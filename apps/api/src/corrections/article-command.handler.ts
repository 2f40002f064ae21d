import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type ArticleCommand, type ArticleStreamEvent, type CodedEventRecorded, articleStreamId, decideArticle, foldArticle, isEventType } from '#domain';
import { ConcurrencyError, EventStore, deterministicEventId } from '#event-store';

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

const MAX_ATTEMPTS = 3;

/**
 * Load the stream, fold it, decide, append with the version we read. A
 * concurrent writer (the coder, another analyst) makes the append fail with
 * ConcurrencyError: we decide again on the fresh state, a few times.
 */
@CommandHandler(ExecuteArticleCommand)
export class ArticleCommandHandler implements ICommandHandler<ExecuteArticleCommand, ArticleCommandResult> {
  constructor(private readonly store: EventStore) {}

  async execute({ articleId, command, metadata }: ExecuteArticleCommand): Promise<ArticleCommandResult> {
    const streamId = articleStreamId(articleId);
    for (let attempt = 1; ; attempt++) {
      const stream = await this.store.readStream(streamId);
      const decided = decideArticle(command, foldArticle(stream as unknown as ArticleStreamEvent[]));
      if (decided.length === 0) return { articleId, appended: [], streamVersion: stream.length };
      const events = decided.map((event, index) => ({
        ...event,
        eventId: isEventType(event.type) ? (event.data as CodedEventRecorded).eventId : deterministicEventId(streamId, String(stream.length), String(index)),
        metadata: { ...metadata, causationId: stream[stream.length - 1]?.eventId },
      }));
      try {
        const result = await this.store.append(streamId, events, { expectedVersion: stream.length });
        return { articleId, appended: events.map((e) => ({ eventId: e.eventId, type: e.type })), streamVersion: result.nextExpectedVersion };
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }
}
