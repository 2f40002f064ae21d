import type { Db } from '#db';
import type { EventStore } from '#event-store';
import { type IngestResult, type PreparedArticle, findDuplicate, storeArticle } from './ingest-article.js';
import { storeArticles } from './store-articles.js';

interface Waiting {
  prepared: PreparedArticle;
  resolve: (result: IngestResult) => void;
  reject: (error: unknown) => void;
}

/** Articles written in one statement at most. */
const DEFAULT_MAX_GROUP = 64;
/** Groups being written at once: while one waits for its commit's flush, the next is sent. */
const DEFAULT_IN_FLIGHT = 2;

/**
 * Group commit for concurrent deliveries: while a group is being written, the
 * deliveries that arrive wait and are then stored together — their keys and
 * streams in one statement (store_articles: one round trip, one commit, one
 * fsync for all). Each caller still hears only once its article is committed,
 * so a 2xx keeps meaning "durably stored". A lone delivery goes straight
 * through with no added wait. Up to `inFlight` groups are written at once;
 * two groups holding the same key serialise on it in PostgreSQL.
 *
 * Within a group, an article whose key is taken (stored before, or by an
 * earlier article of the group) writes nothing and then hears which article it
 * repeats (findDuplicate: its id, or WebhookIdReusedError for a webhook-id
 * reused with another body). When PostgreSQL refuses the statement (a row it
 * cannot store, a deadlock with another group, the database gone) nothing of
 * the group is written and every delivery of it is stored alone by
 * storeArticle, so each gets its own answer.
 */
export class ArticleGroupCommit {
  private waiting: Waiting[] = [];
  private writers = 0;

  constructor(
    private readonly db: Db,
    private readonly store: EventStore,
    private readonly maxGroup = DEFAULT_MAX_GROUP,
    private readonly inFlight = DEFAULT_IN_FLIGHT,
  ) {}

  /** Resolves once this article is committed (or found already stored). */
  submit(prepared: PreparedArticle): Promise<IngestResult> {
    return new Promise<IngestResult>((resolve, reject) => {
      this.waiting.push({ prepared, resolve, reject });
      if (this.writers < this.inFlight) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writers += 1;
    try {
      while (this.waiting.length > 0) await this.write(this.waiting.splice(0, this.maxGroup));
    } finally {
      this.writers -= 1;
    }
  }

  private async write(group: Waiting[]): Promise<void> {
    let stored: boolean[];
    try {
      stored = await storeArticles(
        this.db,
        this.store,
        group.map((w) => w.prepared),
      );
    } catch {
      await Promise.all(
        group.map(({ prepared, resolve, reject }) => storeArticle(this.db, this.store, prepared).then(resolve, reject)),
      );
      return;
    }
    for (const [i, { prepared, resolve }] of group.entries())
      if (stored[i]) resolve({ articleId: prepared.articleId, duplicate: false });
    await Promise.all(
      group
        .filter((_, i) => !stored[i])
        .map(({ prepared, resolve, reject }) => this.repeated(prepared).then(resolve, reject)),
    );
  }

  /** An article whose key was taken: the article it repeats (or stored after all, should that one be gone). */
  private async repeated(prepared: PreparedArticle): Promise<IngestResult> {
    return (await findDuplicate(this.db, this.store, prepared)) ?? storeArticle(this.db, this.store, prepared);
  }
}
