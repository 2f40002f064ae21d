import { sql } from 'kysely';
import { type TestDatabase, createTestDatabase } from '#db/testing/test-database';
import { LogConsumer } from '#event-store';
import { READ_MODEL_PROJECTIONS } from '../projections.js';
import { ArticleStreams, IRAN, IRAQ, KADHIMI, USA, article, catchUp, coded } from '../testing/article-streams.js';
import { rebuildProjection } from './blue-green-rebuild.js';

const byName = (name: string) => READ_MODEL_PROJECTIONS.find((p) => p.name === name)!;
const snapshot = async (testDb: TestDatabase, table: string, key: string) =>
  (
    await sql<Record<string, unknown>>`select * from ${sql.id(table)} order by ${sql.ref(key)}, recorded_from`.execute(
      testDb.db,
    )
  ).rows;

describe('blue/green rebuild of a projection (PostgreSQL)', () => {
  let testDb: TestDatabase;
  let streams: ArticleStreams;

  beforeEach(async () => {
    testDb = await createTestDatabase();
    streams = new ArticleStreams(testDb.db);
    for (const id of ['a1', 'a2', 'a3']) {
      const articleId = `00000000-0000-4000-8000-00000000000${id.at(-1)}`;
      await streams.receive(article(articleId));
      await streams.code(articleId, [
        coded(articleId, `10000000-0000-4000-8000-00000000000${id.at(-1)}`, 'LetterSent', [KADHIMI], [IRAN], {
          start: '2021-03-29',
          end: '2021-04-04',
        }),
        coded(articleId, `20000000-0000-4000-8000-00000000000${id.at(-1)}`, 'WaiverGranted', [USA], [IRAQ], {
          start: '2021-03-01',
          end: '2021-03-31',
        }),
      ]);
    }
    await streams.run('00000000-0000-4000-8000-000000000002', {
      type: 'RetractEvent',
      eventId: '10000000-0000-4000-8000-000000000002',
      reason: 'duplicate',
      by: 'ana',
    });
    await catchUp(testDb.db, READ_MODEL_PROJECTIONS);
  });
  afterEach(() => testDb.drop());

  it('rebuilds the events read model beside the live one and swaps it in with the same rows', async () => {
    const before = await snapshot(testDb, 'read_events', 'event_id');
    // The live table drifts (a bug fixed since, a row lost): the rebuild must bring it back from the log.
    await sql`delete from read_events where event_id = '20000000-0000-4000-8000-000000000003'`.execute(testDb.db);
    const progress: number[] = [];
    const result = await rebuildProjection(testDb.db, byName('read-model.events'), {
      batchSize: 4,
      swapWhenBehindBy: 0,
      onProgress: (p) => void progress.push(p.processed),
    });

    expect(await snapshot(testDb, 'read_events', 'event_id')).toEqual(before);
    expect(result.remaining).toBe(0);
    expect(progress.length).toBeGreaterThan(1);
    const schemas = await sql<{
      nspname: string;
    }>`select nspname from pg_namespace where nspname like 'rebuild_%' or nspname like 'retired_%'`.execute(testDb.db);
    expect(schemas.rows).toEqual([]);
    const checkpoints = await testDb.db.selectFrom('consumer_checkpoints').select('consumer').execute();
    expect(checkpoints.map((c) => c.consumer)).not.toContain('read-model.events#rebuild');
  });

  it('keeps the foreign keys between a projection’s own tables, and the live consumer goes on on the new tables', async () => {
    await rebuildProjection(testDb.db, byName('read-model.articles'), { swapWhenBehindBy: 0 });
    const foreignKeys = await sql<{ conname: string }>`
      select conname from pg_constraint where contype = 'f' and conrelid = 'public.read_article_states'::regclass`.execute(
      testDb.db,
    );
    expect(foreignKeys.rows).toHaveLength(1);

    await streams.receive(article('00000000-0000-4000-8000-000000000009'));
    await catchUp(testDb.db, [byName('read-model.articles')]);
    const row = await testDb.db
      .selectFrom('read_articles')
      .select('article_id')
      .where('article_id', '=', '00000000-0000-4000-8000-000000000009')
      .executeTakeFirst();
    expect(row).toBeDefined();
  });

  it('makes a live batch that raced with the swap roll back, so nothing is applied twice or lost', async () => {
    await streams.receive(article('00000000-0000-4000-8000-000000000007'));
    await streams.code('00000000-0000-4000-8000-000000000007', [
      coded(
        '00000000-0000-4000-8000-000000000007',
        '30000000-0000-4000-8000-000000000007',
        'WaiverGranted',
        [USA],
        [IRAQ],
        { start: '2021-03-01', end: '2021-03-31' },
      ),
    ]);
    await catchUp(testDb.db, [byName('read-model.events')]);
    // A live batch reads its checkpoint and its events, then stalls until the swap is over.
    let releaseLive!: () => void;
    const swapped = new Promise<void>((resolve) => (releaseLive = resolve));
    const incidents = byName('read-model.incidents');
    const live = new LogConsumer(testDb.db, {
      ...incidents,
      handle: async (events, trx) => {
        await swapped;
        await incidents.handle(events, trx);
      },
    });
    let liveBatch: Promise<number> | undefined;
    for (let i = 0; i < 200 && !liveBatch; i++) {
      const attempt = live.processBatch();
      // Whether it found events shows once the swap releases it; keep the first attempt that is waiting.
      const settledEarly = await Promise.race([
        attempt.then(
          () => true,
          () => true,
        ),
        new Promise<boolean>((r) => setTimeout(() => r(false), 50)),
      ]);
      if (!settledEarly) liveBatch = attempt;
    }
    expect(liveBatch).toBeDefined();
    await rebuildProjection(testDb.db, incidents, { swapWhenBehindBy: 0 });
    releaseLive();
    await expect(liveBatch).rejects.toMatchObject({ name: 'CheckpointMovedError' });

    const rows = await sql<{
      n: string;
    }>`select count(*) as n from read_incident_candidates where event_id = '30000000-0000-4000-8000-000000000007'`.execute(
      testDb.db,
    );
    expect(Number(rows.rows[0]!.n)).toBe(1);
    const member = await testDb.db
      .selectFrom('read_incident_members')
      .select('incident_id')
      .where('event_id', '=', '30000000-0000-4000-8000-000000000007')
      .where('recorded_to', 'is', null)
      .executeTakeFirst();
    expect(member).toBeDefined();
    expect(await new LogConsumer(testDb.db, incidents).processBatch()).toBe(0);
  });
});
