// npm run bench:pipeline — a backlog of articles coded end to end by the worker
// as it ships (compiled api + worker processes, a throwaway PostgreSQL
// database, a private Redis): ingest → coding queue → coded events → read
// models and alerts caught up, beside the coder alone on the same machine in
// the same run. Then 1 and 2 worker processes with one coder thread each
// (each pinned to a CPU of its own) on one queue and one database.
//
// The backlog is committed in one transaction (the rows the webhook writes), so
// it appears at once to a warmed-up worker; the clock runs from that commit to
// the moment every article of it is coded and every log consumer is caught up.
// Per phase it reports what each article cost: SQL statements and
// transactions, Redis commands, CPU seconds of the worker(s), PostgreSQL and
// Redis (see BENCHMARKS.md, "Pipeline").
//
// Env: BENCH_ARTICLES (1000), BENCH_WARMUP (30), BENCH_SUBSCRIPTIONS (100),
// BENCH_CODER_SECONDS (5), BENCH_SCALE_ROUNDS (1; 0 skips the 1-vs-2 workers
// comparison), BENCH_PIN (1; 0 runs the 1-vs-2 workers unpinned, one coder thread
// each by CODER_THREADS=1, the scheduler placing them), BENCH_PROFILE=1 (CPU
// profile of the as-shipped worker's threads).
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { createSubscription, createSubscriptionSchema, parseSubscriptionInput } from '#alerts';
import { type Db } from '#db';
import { createTestDatabase } from '#db/testing/test-database';
import { EVENT_TYPE_NAMES, articleStreamId } from '#domain';
import { EventStore, consumerStatuses } from '#event-store';
import { createCoder } from '#extraction';
import { parseArticlePayload, prepareArticle, receivedEvents } from '#ingest';
import {
  type AppProcess,
  benchArticle,
  clusterCpu,
  corpusTexts,
  cpuSeconds,
  cpuSince,
  freePort,
  parentPid,
  redisCommandCalls,
  signedHeaders,
  startApp,
  startRedis,
  waitHealthy,
} from './apps.js';
import { summariseProfile } from './cpu-profile.js';

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 1_000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 30);
const SUBSCRIPTIONS = Number(process.env.BENCH_SUBSCRIPTIONS ?? 100);
const CODER_SECONDS = Number(process.env.BENCH_CODER_SECONDS ?? 5);
const SCALE_ROUNDS = Number(process.env.BENCH_SCALE_ROUNDS ?? 1);
const PROFILE = process.env.BENCH_PROFILE === '1';
const PIN = process.env.BENCH_PIN !== '0';
const say = (line: string) => process.stdout.write(`${line}\n`);
const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);

const texts = corpusTexts();

/** The coder alone on this thread (one core), over the backlog's texts: articles/s. */
function coderAlone(seconds: number): number {
  const coder = createCoder();
  const inputs = texts.map((text, n) => ({ text: `${text}\n\n(bench coder ${n})`, publishedAt: '2021-04-07' }));
  const warmUntil = performance.now() + 1_000;
  for (let n = 0; performance.now() < warmUntil; n++) coder.extract(inputs[n % inputs.length]!);
  let done = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) coder.extract(inputs[done++ % inputs.length]!);
  return done / ((performance.now() - started) / 1000);
}

interface StatementCount {
  query: string;
  calls: number;
  totalMs: number;
}

/** pg_stat_statements of this database (when the server preloads it), by query. */
async function statementStats(db: Db): Promise<Map<string, StatementCount> | undefined> {
  try {
    const { rows } = await sql<{ query: string; calls: string; total: number }>`
      select query, calls, total_exec_time + total_plan_time as total from pg_stat_statements
      where dbid = (select oid from pg_database where datname = current_database()) and toplevel`.execute(db);
    return new Map(rows.map((r) => [r.query, { query: r.query, calls: Number(r.calls), totalMs: r.total }]));
  } catch {
    return undefined;
  }
}

async function walPosition(db: Db): Promise<string> {
  const { rows } = await sql<{ lsn: string }>`select pg_current_wal_lsn()::text as lsn`.execute(db);
  return rows[0]!.lsn;
}

async function walBytesSince(db: Db, lsn: string): Promise<number> {
  const { rows } = await sql<{
    bytes: string;
  }>`select pg_wal_lsn_diff(pg_current_wal_lsn(), ${lsn}::pg_lsn) as bytes`.execute(db);
  return Number(rows[0]!.bytes);
}

async function transactionsCommitted(db: Db): Promise<number> {
  const { rows } = await sql<{
    n: string;
  }>`select xact_commit as n from pg_stat_database where datname = current_database()`.execute(db);
  return Number(rows[0]!.n);
}

interface Phase {
  label: string;
  articlesPerSecond: number;
  seconds: number;
}

const testDb = await createTestDatabase();
const { db } = testDb;
const store = new EventStore(db);
const redis = await startRedis();
const apiPort = await freePort();
const env = { DATABASE_URL: testDb.url, REDIS_URL: redis.url, WEBHOOK_RATE_LIMIT_PER_MINUTE: '100000000' };
const api = startApp('api', 'apps/api/src/main.js', { ...env, PORT: String(apiPort) });
const base = `http://127.0.0.1:${apiPort}`;
let workers: AppProcess[] = [];
let tag = 0;

async function startWorkers(
  count: number,
  options: { pinned: boolean; oneThread?: boolean; profileDir?: string },
): Promise<void> {
  for (let i = 0; i < count; i++) {
    const port = await freePort();
    // Older code ignores CODER_THREADS: the unpinned comparison is for code that reads it.
    const threads: Record<string, string> = options.oneThread ? { CODER_THREADS: '1' } : {};
    const worker = startApp(
      `worker${i}`,
      'apps/worker/src/main.js',
      { ...env, ...threads, WORKER_PORT: String(port) },
      {
        ...(options.pinned && { cpuList: String(i % availableParallelism()) }),
        ...(options.profileDir && { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] }),
      },
    );
    workers.push(worker);
    await waitHealthy(`http://127.0.0.1:${port}`);
  }
}

async function stopWorkers(): Promise<void> {
  await Promise.all(workers.map((w) => w.stop()));
  workers = [];
}

/** Stores `count` new articles in one transaction (the rows the webhook writes); returns their ids once committed. */
async function seedBacklog(count: number): Promise<string[]> {
  const run = `r${tag++}`;
  const prepared = Array.from({ length: count }, (_, n) => {
    const { id, body } = benchArticle(texts, n, run);
    return prepareArticle(parseArticlePayload(JSON.parse(body)), { kind: 'webhook', webhookId: id }, id);
  });
  // A plain transaction (not store.transaction) so this script also runs against older code of the store.
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('article_keys')
      .values(prepared.flatMap((p) => p.keys.map((key) => ({ key, article_id: p.articleId }))))
      .execute();
    await store.appendMany(
      prepared.map((p) => ({ streamId: articleStreamId(p.articleId), events: receivedEvents(p), expectedVersion: 0 })),
      { trx },
    );
  });
  return prepared.map((p) => p.articleId);
}

/** Until every one of these articles is coded (or failed) and every log consumer has caught up. */
async function drained(articleIds: string[], timeoutMs = 30 * 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await sql<{ n: string }>`
      select count(*) as n from read_article_states
      where recorded_to is null and status <> 'received' and article_id = any(${sql.val(articleIds)}::text[])`.execute(
      db,
    );
    if (Number(rows[0]!.n) === articleIds.length) {
      const names = (await db.selectFrom('consumer_checkpoints').select('consumer').execute()).map((r) => r.consumer);
      if ((await consumerStatuses(db, names)).every((s) => s.lagEvents === 0)) return;
    }
    if (Date.now() > deadline) throw new Error(`backlog not drained in ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Seeds a backlog, times its drain, and prints what each article cost. */
async function measure(label: string, postmaster: number): Promise<Phase> {
  // Warm-up: the coder threads load their model on the first job.
  await drained(await seedBacklog(WARMUP));
  const statementsBefore = await statementStats(db);
  const transactionsBefore = await transactionsCommitted(db);
  const walBefore = await walPosition(db);
  const redisBefore = redisCommandCalls(redis.port);
  const pgBefore = clusterCpu(postmaster);
  const workerBefore = workers.map((w) => cpuSeconds(w.process.pid));
  const apiBefore = cpuSeconds(api.process.pid);
  const redisCpuBefore = cpuSeconds(redis.process.pid);
  const load = loadavg()[0]!;

  const backlog = await seedBacklog(ARTICLES);
  const started = performance.now();
  await drained(backlog);
  const seconds = (performance.now() - started) / 1000;

  const per = (n: number) => n / ARTICLES;
  const workerCpu = workers.reduce((sum, w, i) => sum + cpuSeconds(w.process.pid) - workerBefore[i]!, 0);
  const pgCpu = cpuSince(pgBefore, clusterCpu(postmaster));
  const redisAfter = redisCommandCalls(redis.port);
  const redisCalls = [...redisAfter]
    .map(([command, calls]) => [command, calls - (redisBefore.get(command) ?? 0)] as const)
    .filter(([, n]) => n > 0);
  const redisTotal = redisCalls.reduce((s, [, n]) => s + n, 0);
  const transactions = (await transactionsCommitted(db)) - transactionsBefore;
  const walBytes = await walBytesSince(db, walBefore);
  const rate = ARTICLES / seconds;
  say(
    `${label}: ${ARTICLES} articles in ${f1(seconds)} s = ${rate.toFixed(0)} articles/s (load average ${f1(load)} at start)`,
  );
  say(
    `  CPU ms per article: worker(s) ${f1(1000 * per(workerCpu))}, PostgreSQL ${f1(1000 * per(pgCpu))}, Redis ${f1(1000 * per(cpuSeconds(redis.process.pid) - redisCpuBefore))}, ` +
      `api ${f1(1000 * per(cpuSeconds(api.process.pid) - apiBefore))}`,
  );
  say(
    `  per article: ${f1(per(walBytes) / 1024)} kB of WAL, ${f1(per(transactions))} PostgreSQL transactions, ${f1(per(redisTotal))} Redis commands (${redisCalls
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([c, n]) => `${c} ${f1(per(n))}`)
      .join(', ')})`,
  );
  const statementsAfter = await statementStats(db);
  if (statementsBefore && statementsAfter) {
    const deltas = [...statementsAfter.values()]
      .map((s) => ({
        query: s.query,
        calls: s.calls - (statementsBefore.get(s.query)?.calls ?? 0),
        ms: s.totalMs - (statementsBefore.get(s.query)?.totalMs ?? 0),
      }))
      .filter((d) => d.calls > 0);
    const calls = deltas.reduce((s, d) => s + d.calls, 0);
    say(
      `  per article: ${f1(per(calls))} SQL statements (pg_stat_statements, incl. BEGIN/COMMIT and this bench's polling); the most frequent:`,
    );
    for (const d of deltas.sort((a, b) => b.calls - a.calls).slice(0, 10)) {
      say(
        `    ${f2(per(d.calls)).padStart(6)} × ${(d.ms / d.calls).toFixed(2).padStart(6)} ms  ${d.query.replace(/\s+/g, ' ').slice(0, 110)}`,
      );
    }
  }
  return { label, articlesPerSecond: rate, seconds };
}

try {
  await waitHealthy(base);
  await sql`create extension if not exists pg_stat_statements`.execute(db).catch(() => undefined);
  const { rows } = await sql<{
    pid: number;
    version: string;
  }>`select pg_backend_pid() as pid, version() as version`.execute(db);
  const postmaster = parentPid(rows[0]!.pid);
  say(
    `machine: ${cpus().length} × ${cpus()[0]?.model}; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}; ${rows[0]!.version.split(' on ')[0]}`,
  );
  say(
    `coding: CODING_BATCH_SIZE ${process.env.CODING_BATCH_SIZE ?? 'default'}, CODING_CONCURRENCY ${process.env.CODING_CONCURRENCY ?? 'default'}`,
  );
  say(
    `backlog: ${ARTICLES} dev-corpus articles (${texts.length} texts, each copy its own URL, date, outlet and line), ${SUBSCRIPTIONS} alert subscriptions; warm-up ${WARMUP} articles per phase`,
  );

  // Subscriptions spread over types and countries, as a desk would have them.
  const countries = ['IRQ', 'IRN', 'USA', 'SAU', 'SYR', 'LBN', 'ISR', 'TUR'];
  for (let i = 0; i < SUBSCRIPTIONS; i++) {
    const rule = {
      eventTypes: [EVENT_TYPE_NAMES[i % EVENT_TYPE_NAMES.length]!],
      countries: [countries[i % countries.length]!],
    };
    await createSubscription(
      db,
      store,
      parseSubscriptionInput(createSubscriptionSchema, { name: `bench ${i}`, rule, delivery: { queue: true } }),
      'bench@newsledger',
    );
  }
  // The path through the api, once, so every consumer has run before the clock starts.
  for (let n = 0; n < 5; n++) {
    const { id, body } = benchArticle(texts, n, 'api');
    const response = await fetch(`${base}/webhooks/articles`, {
      method: 'POST',
      headers: signedHeaders(id, body),
      body,
    });
    if (response.status !== 202) throw new Error(`webhook answered ${response.status}`);
  }

  const coderBefore = coderAlone(CODER_SECONDS);
  say(`coder alone (this process, one core): ${coderBefore.toFixed(0)} articles/s`);

  const profileDir = PROFILE ? mkdtempSync(join(tmpdir(), 'newsledger-pipeline-prof-')) : undefined;
  await startWorkers(1, { pinned: false, profileDir });
  const shipped = await measure(
    `worker as shipped (1 process, ${availableParallelism()} coder threads, default settings)`,
    postmaster,
  );
  await stopWorkers();
  if (profileDir) {
    for (const file of readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'))) {
      say(`  CPU profile ${file}:`);
      for (const line of summariseProfile(JSON.parse(readFileSync(join(profileDir, file), 'utf8')), 12))
        say(`    ${line}`);
    }
  }

  const scale: Record<number, number[]> = { 1: [], 2: [] };
  for (let round = 0; round < SCALE_ROUNDS; round++) {
    for (const count of round % 2 === 0 ? [1, 2] : [2, 1]) {
      await startWorkers(count, { pinned: PIN, oneThread: true });
      const how = PIN ? 'each pinned to a CPU of its own' : 'unpinned, CODER_THREADS=1';
      scale[count]!.push(
        (await measure(`${count} worker process(es), ${how} (one coder thread each)`, postmaster)).articlesPerSecond,
      );
      await stopWorkers();
    }
  }

  const coderAfter = coderAlone(CODER_SECONDS);
  const coder = (coderBefore + coderAfter) / 2;
  say(`coder alone again: ${coderAfter.toFixed(0)} articles/s (mean of both: ${coder.toFixed(0)})`);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  if (SCALE_ROUNDS > 0) {
    say(
      `1 worker: ${scale[1]!.map((r) => r.toFixed(0)).join(' / ')} articles/s; 2 workers: ${scale[2]!.map((r) => r.toFixed(0)).join(' / ')} articles/s`,
    );
    say(`two_workers_ratio ${(median(scale[2]!) / median(scale[1]!)).toFixed(2)}`);
  }
  say(`articles_per_second ${shipped.articlesPerSecond.toFixed(0)}`);
  say(`ratio_to_coder ${(shipped.articlesPerSecond / coder).toFixed(2)}`);
} finally {
  await stopWorkers();
  await api.stop();
  redis.stop();
  await testDb.drop();
}
