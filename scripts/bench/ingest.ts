// npm run bench:ingest — signed webhook load with autocannon against the api,
// beside GET /ping of the same process in the same run; then article → events
// visible in the API latency, and projection lag sampled under load.
// api and worker run as separate compiled processes (as in docker-compose) on a
// throwaway PostgreSQL database and a private Redis.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import { Webhook } from 'standardwebhooks';
import { DEVELOPMENT_WEBHOOK_SECRET } from '#config';
import { createTestDatabase } from '#db/testing/test-database';
import { consumerStatuses } from '#event-store';

const ROOT = resolve(import.meta.dirname, '../../..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const LATENCY_SAMPLES = Number(process.env.BENCH_LATENCY_ARTICLES ?? 100);
/** BENCH_WORKER=0: the api alone (no coding, no projections), measuring only the ingest path; stops after the burst. */
const WITH_WORKER = process.env.BENCH_WORKER !== '0';
/** A sustained rate the worker can keep up with on this machine, to read projection lag in steady state. */
const STEADY_RATE = Number(process.env.BENCH_STEADY_RATE ?? 40);
const CORPUS = resolve(ROOT, '../shared/corpus/dev');

const say = (line: string) => process.stdout.write(`${line}\n`);
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
};

const texts = readdirSync(CORPUS).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(resolve(CORPUS, f), 'utf8'));
const webhook = new Webhook(DEVELOPMENT_WEBHOOK_SECRET);
let counter = 0;
/** A unique, signed delivery: its own webhook-id, URL and text, so none is a duplicate. */
function signedDelivery(): { headers: Record<string, string>; body: string } {
  const n = counter++;
  const id = `msg_bench_${randomUUID()}`;
  const body = JSON.stringify({ url: `https://bench.example.org/${id}`, title: `Bench ${n}`, publishedAt: '2021-04-07', outlet: 'Bench', body: `${texts[n % texts.length]}\n\n(bench ${id})` });
  const now = new Date();
  return { body, headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)), 'webhook-signature': webhook.sign(id, now, body) } };
}

const freePort = () =>
  new Promise<number>((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });

function start(entry: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [resolve(ROOT, 'dist', entry)], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'error', ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  return child;
}

async function waitHealthy(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not become healthy`);
}

/** Until every consumer is caught up and no article waits for coding. */
async function drained(): Promise<void> {
  const projections = ['read-model.articles', 'read-model.events', 'read-model.incidents', 'coding-dispatcher'];
  for (let i = 0; i < 1200; i++) {
    const statuses = await consumerStatuses(testDb.db, projections);
    const pending = await testDb.db.selectFrom('read_article_states').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'received').where('recorded_to', 'is', null).executeTakeFirst();
    if (statuses.every((s) => s.lagEvents === 0) && Number(pending?.n ?? 0) === 0) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the worker did not catch up within 5 minutes');
}

async function load(url: string, options: Partial<autocannon.Options>): Promise<autocannon.Result> {
  return autocannon({ url, connections: CONNECTIONS, duration: SECONDS, ...options });
}

const testDb = await createTestDatabase();
const redisPort = await freePort();
const redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'], { stdio: 'ignore' });
const apiPort = await freePort();
const env = { DATABASE_URL: testDb.url, REDIS_URL: `redis://127.0.0.1:${redisPort}`, WEBHOOK_RATE_LIMIT_PER_MINUTE: '100000000', CONSUMER_POLL_MS: '500' };
const api = start('apps/api/src/main.js', { ...env, PORT: String(apiPort) });
const worker = WITH_WORKER ? start('apps/worker/src/main.js', { ...env, WORKER_PORT: String(await freePort()) }) : undefined;
const base = `http://127.0.0.1:${apiPort}`;

try {
  await waitHealthy(base);
  say(`machine: ${cpus().length} × ${cpus()[0]?.model}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  say(`${WITH_WORKER ? 'api and worker as separate processes' : 'the api alone (BENCH_WORKER=0)'}; PostgreSQL throwaway database; private Redis; ${CONNECTIONS} connections × ${SECONDS} s each`);

  await load(`${base}/ping`, { duration: 2 }); // warm-up
  const bare = await load(`${base}/ping`, {});
  say(`bare GET /ping: ${bare.requests.average.toFixed(0)} req/s, p50 ${bare.latency.p50} ms, p99 ${bare.latency.p99} ms`);

  const lagSamples: number[] = [];
  const projections = ['read-model.articles', 'read-model.events', 'read-model.incidents', 'coding-dispatcher'];
  const sampler = setInterval(() => {
    void consumerStatuses(testDb.db, projections).then((statuses) => lagSamples.push(Math.max(...statuses.filter((s) => s.consumer.startsWith('read-model')).map((s) => s.lagSeconds))), () => undefined);
  }, 100);
  const ingest = await load(`${base}/webhooks/articles`, {
    method: 'POST',
    requests: [{ setupRequest: (request) => ({ ...request, ...signedDelivery() }) }],
  });
  clearInterval(sampler);
  const non2xx = ingest.non2xx;
  say(`signed POST /webhooks/articles: ${ingest.requests.average.toFixed(0)} req/s, p50 ${ingest.latency.p50} ms, p99 ${ingest.latency.p99} ms, ${ingest['2xx']} stored, ${non2xx} non-2xx, ${ingest.errors} errors`);
  if (!WITH_WORKER) {
    say(`ingest_requests_per_second ${ingest.requests.average.toFixed(0)}`);
    say(`ingest_p99_ms ${ingest.latency.p99}`);
    say(`ratio_to_bare ${(ingest.requests.average / bare.requests.average).toFixed(2)}`);
  } else {
    say(`projection lag under that full load (read-model consumers behind the log, sampled every 100 ms): p50 ${percentile(lagSamples, 50).toFixed(3)} s, p99 ${percentile(lagSamples, 99).toFixed(3)} s`);

    // Which consumer holds the backlog (the bottleneck), then let the worker catch up before the next measurements.
    const behind = await consumerStatuses(testDb.db, ['coding-dispatcher', 'read-model.articles', 'read-model.events', 'read-model.incidents', 'alerts.projection', 'alerts.dispatcher']);
    const uncoded = await testDb.db.selectFrom('read_article_states').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'received').where('recorded_to', 'is', null).executeTakeFirst();
    say(`right after the burst, events behind per consumer: ${behind.map((s) => `${s.consumer} ${s.lagEvents}`).join(', ')}; articles stored but not coded yet: ${uncoded?.n ?? 0}`);
    const drainStarted = performance.now();
    await drained();
    say(`the worker coded and projected that burst's backlog in ${((performance.now() - drainStarted) / 1000).toFixed(1)} s more`);

    const steadySamples: number[] = [];
    const steadySampler = setInterval(() => {
      void consumerStatuses(testDb.db, projections).then((statuses) => steadySamples.push(Math.max(...statuses.filter((s) => s.consumer.startsWith('read-model')).map((s) => s.lagSeconds))), () => undefined);
    }, 100);
    const steady = await load(`${base}/webhooks/articles`, {
      method: 'POST',
      connections: 4,
      overallRate: STEADY_RATE,
      requests: [{ setupRequest: (request) => ({ ...request, ...signedDelivery() }) }],
    });
    clearInterval(steadySampler);
    say(`steady ${STEADY_RATE} articles/s for ${SECONDS} s (${steady['2xx']} stored, p99 ${steady.latency.p99} ms): projection lag p50 ${percentile(steadySamples, 50).toFixed(3)} s, p99 ${percentile(steadySamples, 99).toFixed(3)} s`);
    await drained();

    const latencies: number[] = [];
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      const { headers, body } = signedDelivery();
      const sentAt = performance.now();
      const response = await fetch(`${base}/webhooks/articles`, { method: 'POST', headers, body });
      const { articleId } = (await response.json()) as { articleId: string };
      for (;;) {
        const article = await fetch(`${base}/api/articles/${articleId}`).then((r) => (r.ok ? (r.json() as Promise<{ status: string; events: unknown[] }>) : undefined));
        if (article && article.status === 'coded' && article.events.length > 0) break;
        if (performance.now() - sentAt > 30_000) throw new Error(`article ${articleId} not visible after 30 s`);
        await new Promise((r) => setTimeout(r, 5));
      }
      latencies.push(performance.now() - sentAt);
    }
    say(`article → events visible in GET /api/articles/:id (${LATENCY_SAMPLES} articles, one at a time): p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms`);
    say(`ingest_requests_per_second ${ingest.requests.average.toFixed(0)}`);
    say(`ingest_p99_ms ${ingest.latency.p99}`);
    say(`steady_projection_lag_p99_seconds ${percentile(steadySamples, 99).toFixed(3)}`);
    say(`ratio_to_bare ${(ingest.requests.average / bare.requests.average).toFixed(2)}`);
  }
} finally {
  api.kill('SIGTERM');
  worker?.kill('SIGTERM');
  await Promise.all([api, ...(worker ? [worker] : [])].map((child) => new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)))));
  redis.kill('SIGKILL');
  await testDb.drop();
}
