import {
  type Actor,
  type ArticleCommand,
  type ArticleReceived,
  type CodedEventRecorded,
  EVENT_TYPES,
  type EventType,
  articleDecider,
  articleStreamId,
} from '#domain';
import type { Database, Db } from '#db';
import { describeHorizon } from '#db/testing/horizon';
import { catchUp as catchUpConsumer } from '#event-store/testing/catch-up';
import { EventStore, LogConsumer, type LogConsumerOptions, consumerStatuses, handleCommand } from '#event-store';

/** Test support: drives article streams through the real decider and the real EventStore. */
export class ArticleStreams {
  readonly store: EventStore;
  constructor(private readonly db: Db) {
    this.store = new EventStore(db);
  }

  /** The one command path (handleCommand with the article decider), as the API and the coder take it. */
  async run(articleId: string, command: ArticleCommand, actor?: string): Promise<void> {
    await handleCommand(
      this.store,
      articleStreamId(articleId),
      articleDecider,
      command,
      actor ? { metadata: { actor } } : {},
    );
  }

  receive(article: ArticleReceived): Promise<void> {
    return this.run(article.articleId, { type: 'ReceiveArticle', article }, `webhook:test`);
  }

  code(articleId: string, events: CodedEventRecorded[], coderVersion = '1'): Promise<void> {
    return this.run(articleId, { type: 'RecordCoding', coderVersion, events }, 'coder');
  }
}

export const actor = (id: string, country: string, name = id, sector: Actor['sector'] = 'GOV'): Actor => ({
  id,
  name,
  country,
  sector,
});
export const IRAQ = actor('iraq', 'IRQ', 'Iraq');
export const IRAN = actor('iran', 'IRN', 'Iran');
export const USA = actor('united-states', 'USA', 'United States');
export const KADHIMI = actor('mustafa-al-kadhimi', 'IRQ', 'Mustafa al-Kadhimi');

export const article = (articleId: string, overrides: Partial<ArticleReceived> = {}): ArticleReceived => ({
  articleId,
  url: `https://news.example.org/${articleId}`,
  title: `Story ${articleId}`,
  outlet: 'Example News',
  publishedAt: '2021-04-07',
  text: 'Iraqi Prime Minister Mustafa al-Kadhimi sent a strongly worded letter to Tehran. Washington extended the sanctions waiver for Iraq.',
  contentHash: `hash-${articleId}`,
  bodyFormat: 'text',
  via: { kind: 'webhook', webhookId: `msg_${articleId}` },
  ...overrides,
});

export const coded = (
  articleId: string,
  eventId: string,
  type: EventType,
  agent: Actor[],
  target: Actor[],
  date: { start: string; end: string },
  overrides: Partial<CodedEventRecorded> = {},
): CodedEventRecorded => ({
  eventId,
  articleId,
  coderVersion: '1',
  type,
  agent,
  target,
  date: { ...date, precision: date.start === date.end ? 'day' : 'week' },
  modality: 'asserted',
  evidence: [{ start: 0, end: 10, text: 'Iraqi Prim' }],
  confidence: 0.8,
  cameo: EVENT_TYPES[type].cameo,
  goldstein: EVENT_TYPES[type].goldstein,
  plover: EVENT_TYPES[type].plover,
  ...overrides,
});

/**
 * Runs each projection's LogConsumer until its checkpoint is past every stored
 * event. A consumer only reads transactions older than the oldest one running on
 * the whole server (other test files share it), so "nothing visible" can mean
 * "not yet": wait a little and look again.
 */
export async function catchUp(
  db: Db,
  projections: readonly Pick<LogConsumerOptions, 'name' | 'types' | 'handle'>[],
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const projection of projections) {
    const consumer = new LogConsumer(db, { ...projection, batchSize: 7 });
    for (;;) {
      if ((await consumer.processBatch()) > 0) continue;
      const [status] = await consumerStatuses(db, [projection.name]);
      if (status!.lagEvents === 0) break;
      if (Date.now() > deadline) {
        const behind = `${status!.lagEvents} events behind`;
        throw new Error(
          `${projection.name} did not catch up in ${timeoutMs} ms (${behind}). ${await describeHorizon(db)}`,
        );
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

/**
 * Empties a projection's tables and position and projects the whole log again
 * with this batch size (tests that batching changes nothing compare the results).
 */
export async function reproject(
  db: Db,
  projection: Pick<LogConsumerOptions, 'name' | 'types' | 'handle'> & { tables: readonly string[] },
  batchSize: number,
): Promise<void> {
  for (const table of projection.tables) await db.deleteFrom(table as keyof Database).execute();
  await db.deleteFrom('read_stream_progress').where('projection', '=', projection.name).execute();
  await db.deleteFrom('consumer_checkpoints').where('consumer', '=', projection.name).execute();
  await catchUpConsumer(db, new LogConsumer(db, { ...projection, batchSize }), 60_000);
}

/** A point in time strictly between two appends. */
export async function pause(): Promise<Date> {
  await new Promise((r) => setTimeout(r, 25));
  const at = new Date();
  await new Promise((r) => setTimeout(r, 25));
  return at;
}
