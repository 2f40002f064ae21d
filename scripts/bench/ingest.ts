// npm run bench:ingest — signed webhook load with autocannon against the api,
// beside two baselines on the same Fastify app in the same run: GET /ping (from
// memory) and POST /bench/ingest-baseline (the minimal durable webhook: verify
// the signature, one INSERT of the row, commit; INGEST_BASELINE_ENDPOINT=true).
// Webhook and baseline alternate, first beside the worker (coding the backlog
// the bursts leave), then with the worker stopped (the api alone). In between:
// the backlog drained, projection lag at a steady rate, and article → events
// visible in the API.
// api and worker run as separate compiled processes (as in docker-compose) on a
// throwaway PostgreSQL database and a private Redis.
//
// Env: BENCH_SECONDS (10 per burst), BENCH_CONNECTIONS (16), BENCH_ROUNDS (1:
// webhook/baseline pairs per setting), BENCH_STEADY_RATE (40),
// BENCH_LATENCY_ARTICLES (100), BENCH_WORKER=0 (the api alone only).
import autocannon from 'autocannon';
import { cpus, loadavg } from 'node:os';
import { createTestDatabase } from '#db/testing/test-database';
import { consumerStatuses } from '#event-store';
import {
  type AppProcess,
  benchArticle,
  corpusTexts,
  cpuSeconds,
  freePort,
  signedHeaders,
  startApp,
  startRedis,
  waitHealthy,
} from './apps.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const LATENCY_SAMPLES = Number(process.env.BENCH_LATENCY_ARTICLES ?? 100);
/** BENCH_WORKER=0: the api alone (no coding, no projections), measuring only the ingest path. */
const WITH_WORKER = process.env.BENCH_WORKER !== '0';
/** A sustained rate the worker can keep up with on this machine, to read projection lag in steady state. */
const STEADY_RATE = Number(process.env.BENCH_STEADY_RATE ?? 40);
const PROJECTIONS = ['read-model.articles', 'read-model.events', 'read-model.incidents', 'coding-dispatcher'];

const say = (line: string) => process.stdout.write(`${line}\n`);
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
};
const median = (values: number[]) => percentile(values, 50);

const texts = corpusTexts();
let counter = 0;
/** A unique, signed delivery: its own webhook-id, URL and text, so none is a duplicate. */
function signedDelivery(): { headers: Record<string, string>; body: string } {
  const { id, body } = benchArticle(texts, counter++, 'ingest');
  return { body, headers: signedHeaders(id, body) };
}

const testDb = await createTestDatabase();
const redis = await startRedis();
const apiPort = await freePort();
const env = {
  DATABASE_URL: testDb.url,
  REDIS_URL: redis.url,
  WEBHOOK_RATE_LIMIT_PER_MINUTE: '100000000',
  CONSUMER_POLL_MS: '500',
};
const api = startApp('api', 'apps/api/src/main.js', {
  ...env,
  PORT: String(apiPort),
  INGEST_BASELINE_ENDPOINT: 'true',
});
let worker: AppProcess | undefined;
const base = `http://127.0.0.1:${apiPort}`;

async function load(url: string, options: Partial<autocannon.Options>): Promise<autocannon.Result> {
  return autocannon({ url, connections: CONNECTIONS, duration: SECONDS, ...options });
}

/** A burst of signed deliveries at `path`, every request a new article. */
function burst(path: string): Promise<autocannon.Result> {
  return load(`${base}${path}`, {
    method: 'POST',
    requests: [{ setupRequest: (request) => ({ ...request, ...signedDelivery() }) }],
  });
}

/** Until every consumer is caught up and no article waits for coding. */
async function drained(): Promise<void> {
  for (let i = 0; i < 4800; i++) {
    const statuses = await consumerStatuses(testDb.db, PROJECTIONS);
    const pending = await testDb.db
      .selectFrom('read_article_states')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('status', '=', 'received')
      .where('recorded_to', 'is', null)
      .executeTakeFirst();
    if (statuses.every((s) => s.lagEvents === 0) && Number(pending?.n ?? 0) === 0) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the worker did not catch up within 20 minutes');
}

function sampleLag(into: number[]): NodeJS.Timeout {
  return setInterval(() => {
    void consumerStatuses(testDb.db, PROJECTIONS).then(
      (statuses) =>
        into.push(Math.max(...statuses.filter((s) => s.consumer.startsWith('read-model')).map((s) => s.lagSeconds))),
      () => undefined,
    );
  }, 100);
}

interface Pair {
  webhook: autocannon.Result[];
  baseline: autocannon.Result[];
}

const describe = (r: autocannon.Result) =>
  `${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms (${r['2xx']} stored, ${r.non2xx} non-2xx, ${r.errors} errors)`;

/** ROUNDS webhook/baseline pairs, the order alternating; projection lag sampled during webhook bursts if asked. */
async function alternate(setting: string, lagSamples?: number[]): Promise<Pair> {
  const pair: Pair = { webhook: [], baseline: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const kind of round % 2 === 0 ? (['webhook', 'baseline'] as const) : (['baseline', 'webhook'] as const)) {
      const sampler = kind === 'webhook' && lagSamples ? sampleLag(lagSamples) : undefined;
      const cpuBefore = cpuSeconds(api.process.pid);
      const result = await burst(kind === 'webhook' ? '/webhooks/articles' : '/bench/ingest-baseline');
      const cpuMs = ((cpuSeconds(api.process.pid) - cpuBefore) * 1000) / Math.max(1, result.requests.total);
      clearInterval(sampler);
      pair[kind].push(result);
      const what = kind === 'webhook' ? 'signed POST /webhooks/articles' : 'POST /bench/ingest-baseline   ';
      say(`${setting}: ${what}: ${describe(result)}; api CPU ${cpuMs.toFixed(2)} ms per request`);
    }
  }
  return pair;
}

const rate = (results: autocannon.Result[]) => median(results.map((r) => r.requests.average));
const p99 = (results: autocannon.Result[]) => median(results.map((r) => r.latency.p99));

try {
  await waitHealthy(base);
  if (WITH_WORKER) {
    const workerPort = await freePort();
    worker = startApp('worker', 'apps/worker/src/main.js', { ...env, WORKER_PORT: String(workerPort) });
    await waitHealthy(`http://127.0.0.1:${workerPort}`);
  }
  say(
    `machine: ${cpus().length} × ${cpus()[0]?.model}; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  say(
    `api${WITH_WORKER ? ' and worker as separate processes' : ' alone (BENCH_WORKER=0)'}; PostgreSQL throwaway database; private Redis; ${CONNECTIONS} connections × ${SECONDS} s each, ${ROUNDS} round(s)`,
  );

  await load(`${base}/ping`, { duration: 2 }); // warm-up
  const bare = await load(`${base}/ping`, {});
  say(
    `bare GET /ping: ${bare.requests.average.toFixed(0)} req/s, p50 ${bare.latency.p50} ms, p99 ${bare.latency.p99} ms`,
  );

  let beside: Pair | undefined;
  const steadySamples: number[] = [];
  if (worker) {
    const lagSamples: number[] = [];
    beside = await alternate('beside the worker', lagSamples);
    say(
      `projection lag during those webhook bursts (read-model consumers behind the log, sampled every 100 ms): p50 ${percentile(lagSamples, 50).toFixed(3)} s, p99 ${percentile(lagSamples, 99).toFixed(3)} s`,
    );

    // Which consumer holds the backlog (the bottleneck), then let the worker catch up before the next measurements.
    const behind = await consumerStatuses(testDb.db, [
      'coding-dispatcher',
      'read-model.articles',
      'read-model.events',
      'read-model.incidents',
      'alerts.projection',
      'alerts.dispatcher',
    ]);
    const uncoded = await testDb.db
      .selectFrom('read_article_states')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('status', '=', 'received')
      .where('recorded_to', 'is', null)
      .executeTakeFirst();
    say(
      `right after the bursts, events behind per consumer: ${behind.map((s) => `${s.consumer} ${s.lagEvents}`).join(', ')}; articles stored but not coded yet: ${uncoded?.n ?? 0}`,
    );
    const drainStarted = performance.now();
    await drained();
    say(
      `the worker coded and projected that backlog in ${((performance.now() - drainStarted) / 1000).toFixed(1)} s more`,
    );

    const steadySampler = sampleLag(steadySamples);
    const steady = await load(`${base}/webhooks/articles`, {
      method: 'POST',
      connections: 4,
      overallRate: STEADY_RATE,
      requests: [{ setupRequest: (request) => ({ ...request, ...signedDelivery() }) }],
    });
    clearInterval(steadySampler);
    say(
      `steady ${STEADY_RATE} articles/s for ${SECONDS} s (${steady['2xx']} stored, p99 ${steady.latency.p99} ms): projection lag p50 ${percentile(steadySamples, 50).toFixed(3)} s, p99 ${percentile(steadySamples, 99).toFixed(3)} s`,
    );
    await drained();

    const latencies: number[] = [];
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      const { headers, body } = signedDelivery();
      const sentAt = performance.now();
      const response = await fetch(`${base}/webhooks/articles`, { method: 'POST', headers, body });
      const { articleId } = (await response.json()) as { articleId: string };
      for (;;) {
        const article = await fetch(`${base}/api/articles/${articleId}`).then((r) =>
          r.ok ? (r.json() as Promise<{ status: string; events: unknown[] }>) : undefined,
        );
        // Coded is visible: a text in which the coder finds no event stays coded with none (it waited 30 s before).
        if (article && article.status === 'coded') break;
        if (performance.now() - sentAt > 30_000) throw new Error(`article ${articleId} not visible after 30 s`);
        await new Promise((r) => setTimeout(r, 5));
      }
      latencies.push(performance.now() - sentAt);
    }
    say(
      `article → events visible in GET /api/articles/:id (${LATENCY_SAMPLES} articles, one at a time): p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms`,
    );
    await worker.stop();
    worker = undefined;
  }

  const alone = await alternate('the api alone');
  if (beside) {
    say(`ingest_requests_per_second ${rate(beside.webhook).toFixed(0)}`);
    say(`ingest_p99_ms ${p99(beside.webhook)}`);
    say(`baseline_p99_ms ${p99(beside.baseline)}`);
    say(`steady_projection_lag_p99_seconds ${percentile(steadySamples, 99).toFixed(3)}`);
    say(`ratio_to_baseline_alone ${(rate(alone.webhook) / rate(alone.baseline)).toFixed(2)}`);
    say(`ratio_to_bare ${(rate(beside.webhook) / bare.requests.average).toFixed(2)}`);
    say(`ratio_to_baseline ${(rate(beside.webhook) / rate(beside.baseline)).toFixed(2)}`);
  } else {
    say(`ingest_requests_per_second ${rate(alone.webhook).toFixed(0)}`);
    say(`ingest_p99_ms ${p99(alone.webhook)}`);
    say(`ratio_to_bare ${(rate(alone.webhook) / bare.requests.average).toFixed(2)}`);
    say(`ratio_to_baseline ${(rate(alone.webhook) / rate(alone.baseline)).toFixed(2)}`);
  }
} finally {
  await api.stop();
  await worker?.stop();
  redis.stop();
  await testDb.drop();
}
