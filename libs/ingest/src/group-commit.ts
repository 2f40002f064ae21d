import { articleStreamId } from '#domain';
import type { Db } from '#db';
import type { EventStore } from '#event-store';
import { type IngestResult, type PreparedArticle, receivedEvents, storeArticle } from './ingest-article.js';

interface Waiting {
  prepared: PreparedArticle;
  resolve: (result: IngestResult) => void;
  reject: (error: unknown) => void;
}

/** Articles written in one transaction at most. */
const DEFAULT_MAX_GROUP = 64;

/**
 * Group commit for concurrent deliveries: while one transaction is being
 * written, the deliveries that arrive wait and are then stored together — their
 * keys in one insert, their streams in one appendMany, one commit (one fsync)
 * for all. Each caller still hears only once its article is committed, so a 2xx
 * keeps meaning "durably stored". A lone delivery goes straight through with no
 * added wait.
 *
 * A group is all or nothing. When it fails (a duplicate among them, a key taken
 * meanwhile, a row PostgreSQL refuses, the database gone) every delivery of it
 * is stored alone by storeArticle, so each gets its own answer: the duplicate its
 * article id, the others their own, a real failure its error.
 */
export class ArticleGroupCommit {
  private waiting: Waiting[] = [];
  private writing = false;

  constructor(
    private readonly db: Db,
    private readonly store: EventStore,
    private readonly maxGroup = DEFAULT_MAX_GROUP,
  ) {}

  /** Resolves once this article is committed (or found already stored). */
  submit(prepared: PreparedArticle): Promise<IngestResult> {
    return new Promise<IngestResult>((resolve, reject) => {
      this.waiting.push({ prepared, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length > 0) await this.write(this.waiting.splice(0, this.maxGroup));
    } finally {
      this.writing = false;
    }
  }

  private async write(group: Waiting[]): Promise<void> {
    if (group.length > 1 && (await this.writeTogether(group))) {
      for (const { prepared, resolve } of group) resolve({ articleId: prepared.articleId, duplicate: false });
      return;
    }
    await Promise.all(group.map(({ prepared, resolve, reject }) => storeArticle(this.db, this.store, prepared).then(resolve, reject)));
  }

  /** True when the whole group is committed; false (nothing written) when it must be stored one by one. */
  private async writeTogether(group: Waiting[]): Promise<boolean> {
    try {
      await this.store.transaction(async (trx) => {
        const keys = group.flatMap(({ prepared }) => prepared.keys.map((key) => ({ key, article_id: prepared.articleId })));
        const inserted = await trx
          .insertInto('article_keys')
          .values(keys)
          .onConflict((oc) => oc.column('key').doNothing())
          .returning('key')
          .execute();
        if (inserted.length < keys.length) throw new KeyTaken();
        await this.store.appendMany(
          group.map(({ prepared }) => ({ streamId: articleStreamId(prepared.articleId), events: receivedEvents(prepared), expectedVersion: 0 })),
          { trx },
        );
      });
      return true;
    } catch {
      return false;
    }
  }
}

class KeyTaken extends Error {}
