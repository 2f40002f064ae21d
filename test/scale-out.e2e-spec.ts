import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { sql } from 'kysely';
import { type TestDatabase, createTestDatabase } from '#db/testing/test-database';
import { type RunningApp, freePort, startCompiledApp } from './support/compiled-app.js';
import { PrivateRedis } from './support/redis-server.js';
import { deliver } from './support/signed-delivery.js';

const CORPUS = resolve(import.meta.dirname, '../../shared/corpus/dev');
const TEXTS = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => readFileSync(resolve(CORPUS, f), 'utf8'));
const ARTICLES = 60;

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false | null>,
  timeoutMs: number,
  apps: RunningApp[] = [],
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}:\n${apps.map((a) => a.output().slice(-1500)).join('\n---\n')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** ArticleCoded events this worker process appended, from its /metrics. */
async function codedBy(port: number): Promise<number> {
  const text = await fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text());
  const match = text.match(/^newsledger_events_appended_total\{type="ArticleCoded"\} (\d+)/m);
  return match ? Number(match[1]) : 0;
}

/**
 * Horizontal scale: three worker processes on one Redis (one BullMQ `coding`
 * queue) and one PostgreSQL share a backlog. One of them is killed (SIGKILL)
 * while it holds jobs: its jobs stall and another worker takes them over, and
 * a surviving worker takes over the log consumers it led. Every article is
 * coded, exactly once.
 */
describe('many worker processes on one queue and one database (compiled apps, PostgreSQL, Redis)', () => {
  let testDb: TestDatabase;
  let redis: PrivateRedis;
  let api: RunningApp;
  const workers: { app: RunningApp; port: number }[] = [];

  beforeAll(async () => {
    testDb = await createTestDatabase();
    redis = new PrivateRedis(await freePort());
    await redis.start();
    const env = {
      DATABASE_URL: testDb.url,
      REDIS_URL: redis.url,
      WEBHOOK_RATE_LIMIT_PER_MINUTE: '100000',
      CONSUMER_POLL_MS: '300',
    };
    api = await startCompiledApp('apps/api/src/main.js', { ...env, PORT: String(await freePort()) });
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      // The worker's /health answers on WORKER_PORT; startCompiledApp polls PORT.
      workers.push({
        app: await startCompiledApp('apps/worker/src/main.js', {
          ...env,
          WORKER_PORT: String(port),
          PORT: String(port),
        }),
        port,
      });
    }
  }, 180_000);

  afterAll(async () => {
    await Promise.all([api, ...workers.map((w) => w.app)].filter(Boolean).map((app) => app.kill()));
    await redis?.stop();
    await testDb?.drop();
  });

  it('codes every article of the backlog exactly once, across the workers, through the loss of one of them', async () => {
    const base = `http://127.0.0.1:${api.port}`;
    const ids: string[] = [];
    for (let start = 0; start < ARTICLES; start += 10) {
      const answers = await Promise.all(
        Array.from({ length: Math.min(10, ARTICLES - start) }, (_, k) => {
          const n = start + k;
          const body = JSON.stringify({
            url: `https://scale.example.org/${n}`,
            title: `Scale ${n}`,
            publishedAt: '2021-04-07',
            outlet: `Outlet ${n % 3}`,
            body: `${TEXTS[n % TEXTS.length]}\n\n(scale-out ${n})`,
          });
          return deliver(base, { id: `msg_scale_${n}`, body });
        }),
      );
      for (const answer of answers) {
        expect(answer.status).toBe(202);
        ids.push(answer.json.articleId);
      }
    }

    const codedCount = async () =>
      Number(
        (await sql<{ n: string }>`select count(*) as n from events where type = 'ArticleCoded'`.execute(testDb.db))
          .rows[0]!.n,
      );
    await until(
      'a third of the backlog coded',
      async () => (await codedCount()) >= ARTICLES / 3,
      120_000,
      workers.map((w) => w.app),
    );
    const victim = workers[2]!;
    await victim.app.kill();

    await until(
      'every article coded',
      async () => (await codedCount()) >= ARTICLES,
      150_000,
      workers.map((w) => w.app),
    );
    // Give a duplicate (a stalled job run twice) time to show up before counting.
    await new Promise((r) => setTimeout(r, 1_000));

    const perArticle = await sql<{ stream_id: string; coded: string; versions: string; max_version: string }>`
      select stream_id, count(*) filter (where type = 'ArticleCoded') as coded, count(*) as versions, max(stream_version) as max_version
      from events where stream_id = any(${sql.val(ids.map((id) => `article-${id}`))}::text[]) group by stream_id`.execute(
      testDb.db,
    );
    expect(perArticle.rows).toHaveLength(ARTICLES);
    for (const row of perArticle.rows) {
      expect([row.stream_id, Number(row.coded)]).toEqual([row.stream_id, 1]);
      // No gap, no repeat: the stream's versions are 1..n.
      expect(Number(row.versions)).toBe(Number(row.max_version));
    }
    expect(await codedCount()).toBe(ARTICLES);
    const duplicates = await sql<{
      n: string;
    }>`select count(*) as n from (select event_id from events group by event_id having count(*) > 1) d`.execute(
      testDb.db,
    );
    expect(Number(duplicates.rows[0]!.n)).toBe(0);

    // The two survivors both coded part of the backlog.
    const [first, second] = await Promise.all([codedBy(workers[0]!.port), codedBy(workers[1]!.port)]);
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(0);
    expect(first + second).toBeLessThanOrEqual(ARTICLES);

    // The read models caught up through whichever worker leads their consumers now.
    await until(
      'the articles read model',
      async () => {
        const { rows } = await sql<{ n: string }>`
          select count(*) as n from read_article_states where recorded_to is null and status = 'coded' and article_id = any(${sql.val(ids)}::text[])`.execute(
          testDb.db,
        );
        return Number(rows[0]!.n) === ARTICLES;
      },
      60_000,
      workers.map((w) => w.app),
    );
  }, 400_000);
});
