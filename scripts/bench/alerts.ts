// npm run bench:alerts — three figures for the alerting path:
// 1. rule evaluation: a stream of coded events against 1,000 subscriptions through the rule index (events/s);
// 2. ingest → alert job: a signed article webhook until its alert job reaches a consumer on the `alerts` queue
//    (compiled api + worker in one process, throwaway PostgreSQL database, private Redis), p50/p99;
// 3. webhook delivery throughput: queued deliveries POSTed, signed, to a local receiver (deliveries/s).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { Webhook } from 'standardwebhooks';
import {
  type AlertMessageV1,
  type IndexedRule,
  RuleIndex,
  type RuleSubject,
  deliverySettings,
  newWebhookSecret,
  recordPendingDelivery,
} from '#alerts';
import { DEVELOPMENT_WEBHOOK_SECRET } from '#config';
import { createTestDatabase } from '#db/testing/test-database';
import { EVENT_TYPES, EVENT_TYPE_NAMES, type EventType } from '#domain';
import { ALERT_WEBHOOKS_QUEUE, type WebhookJob } from '#queue';
import { processWebhookJob, webhookWorkerOptions } from '../../apps/worker/src/alerts/webhook-delivery.processor.js';
import { ROOT, freePort, startRedis } from './apps.js';

// The receiver of the delivery bench listens on loopback, which outbound requests refuse unless named
// (read once, at the first delivery).
process.env.ALLOWED_INTERNAL_HOSTS ??= '127.0.0.1';
const EVENTS = Number(process.env.BENCH_EVENTS ?? 200_000);
const SUBSCRIPTIONS = Number(process.env.BENCH_SUBSCRIPTIONS ?? 1_000);
const LATENCY_ARTICLES = Number(process.env.BENCH_LATENCY_ARTICLES ?? 60);
const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 2_000);
const say = (line: string) => process.stdout.write(`${line}\n`);
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
};

// ---- 1. rule evaluation -------------------------------------------------------
const COUNTRIES = [
  'IRQ',
  'IRN',
  'USA',
  'SYR',
  'ISR',
  'TUR',
  'SAU',
  'LBN',
  'JOR',
  'KWT',
  'QAT',
  'ARE',
  'YEM',
  'EGY',
  'RUS',
  'CHN',
  'GBR',
  'FRA',
  'DEU',
  'IGO',
];
let seed = 7;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;

function ruleEvaluation(): { perSecond: number; hits: number; candidatesPerEvent: number } {
  const rules: IndexedRule[] = Array.from({ length: SUBSCRIPTIONS }, (_, i) => ({
    subscriptionId: `s${i}`,
    activeFrom: new Date(0),
    rule: {
      ...(random() < 0.9 && {
        eventTypes: [pick(EVENT_TYPE_NAMES), ...(random() < 0.3 ? [pick(EVENT_TYPE_NAMES)] : [])],
      }),
      ...(random() < 0.8 && {
        countries: [pick(COUNTRIES), ...(random() < 0.3 ? [pick(COUNTRIES)] : [])],
        countryRole: pick(['agent', 'target', 'either'] as const),
      }),
      ...(random() < 0.2 && { goldstein: { min: -10, max: pick([-2, 0, 5]) } }),
      ...(random() < 0.2 && { modalities: ['asserted' as const] }),
      ...(random() < 0.1 && { words: [pick(['waiver', 'sanctions', 'talks', 'strike', 'letter'])] }),
    },
  }));
  const index = new RuleIndex(rules);
  const events: RuleSubject[] = Array.from({ length: 10_000 }, (_, i) => {
    const type = pick(EVENT_TYPE_NAMES) as EventType;
    return {
      eventId: `e${i}`,
      articleId: `a${i}`,
      type,
      agent: [{ id: 'x', country: pick(COUNTRIES) }],
      target: random() < 0.8 ? [{ id: 'y', country: pick(COUNTRIES) }] : [],
      modality: random() < 0.8 ? 'asserted' : 'future',
      goldstein: EVENT_TYPES[type].goldstein,
      evidence: [{ start: 0, end: 40, text: 'Washington extended the sanctions waiver' }],
      symmetric: EVENT_TYPES[type].symmetric,
    };
  });
  const at = new Date();
  let hits = 0;
  let candidates = 0;
  for (let i = 0; i < 20_000; i++) index.match(events[i % events.length]!, at); // warm-up
  const started = performance.now();
  for (let i = 0; i < EVENTS; i++) {
    const event = events[i % events.length]!;
    hits += index.match(event, at).length;
  }
  const seconds = (performance.now() - started) / 1_000;
  for (const e of events) candidates += index.candidates(e).length;
  return { perSecond: EVENTS / seconds, hits, candidatesPerEvent: candidates / events.length };
}

// ---- shared: a private Redis --------------------------------------------------
const clients: Redis[] = [];
/** Closed before their Redis goes away, so nothing reconnects to a dead port. */
const closeClients = () => clients.splice(0).forEach((c) => c.disconnect());

// ---- 2. ingest → alert job ------------------------------------------------------
async function ingestToAlertJob(): Promise<{ p50: number; p99: number; max: number; n: number }> {
  const testDb = await createTestDatabase({ migrate: false });
  const redis = await startRedis();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const email = 'bench@desk.example';
  const password = 'bench password 1234';
  const app: ChildProcess = spawn(process.execPath, [resolve(ROOT, 'dist/apps/standalone/src/main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: testDb.url,
      REDIS_URL: redis.url,
      LOG_LEVEL: 'warn',
      ADMIN_EMAIL: email,
      ADMIN_PASSWORD: password,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const received = new Map<string, number>();
  let worker: Worker | undefined;
  try {
    for (
      let i = 0;
      !(await fetch(`${base}/health`).then(
        (r) => r.ok,
        () => false,
      ));
      i++
    ) {
      if (i > 300) throw new Error('the app did not become healthy');
      await new Promise((r) => setTimeout(r, 200));
    }
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const cookie = login.headers
      .getSetCookie()
      .find((c) => c.startsWith('nl_session='))!
      .split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const created = await fetch(`${base}/api/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({
        name: 'Talks with Iran',
        rule: { eventTypes: ['TalksStarted'], countries: ['IRN'] },
        delivery: { queue: true },
      }),
    });
    if (created.status !== 201) throw new Error(`subscription: ${created.status} ${await created.text()}`);

    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    clients.push(connection);
    worker = new Worker<AlertMessageV1>(
      'alerts',
      async (job) => void received.set(job.data.explanation.articles[0]!.url, Date.now()),
      { connection, concurrency: 8 },
    );
    const signer = new Webhook(DEVELOPMENT_WEBHOOK_SECRET);
    const sent = new Map<string, number>();
    for (let n = 0; n < LATENCY_ARTICLES + 5; n++) {
      // A week apart: each article is an incident of its own, so each raises an alert.
      const published = new Date(Date.UTC(2015, 0, 7) + n * 7 * 86_400_000).toISOString().slice(0, 10);
      const url = `https://bench.example.org/talks-${randomUUID()}`;
      const body = JSON.stringify({
        url,
        title: `Talks ${n}`,
        publishedAt: published,
        outlet: 'Bench',
        body: `Talks ${n}: Iraq and Iran held talks in Baghdad on Monday. `.padEnd(
          400,
          'The two delegations discussed border security, trade and the payment of Iraq’s gas debts. ',
        ),
      });
      const id = `msg_${randomUUID()}`;
      const now = new Date();
      sent.set(url, Date.now());
      const response = await fetch(`${base}/webhooks/articles`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': id,
          'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
          'webhook-signature': signer.sign(id, now, body),
        },
        body,
      });
      if (response.status !== 202) throw new Error(`ingest: ${response.status}`);
      await new Promise((r) => setTimeout(r, 150));
    }
    const deadline = Date.now() + 30_000;
    while (received.size < sent.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    // The first few warm the app up (JIT, pools, coder threads).
    const latencies = [...sent]
      .slice(5)
      .filter(([url]) => received.has(url))
      .map(([url, at]) => received.get(url)! - at);
    if (latencies.length < LATENCY_ARTICLES)
      throw new Error(`only ${latencies.length} of ${LATENCY_ARTICLES} alerts arrived`);
    return {
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: Math.max(...latencies),
      n: latencies.length,
    };
  } finally {
    await worker?.close();
    closeClients();
    app.kill('SIGTERM');
    await new Promise((r) => app.once('exit', r));
    redis.stop();
    await testDb.drop();
  }
}

// ---- 3. webhook delivery throughput ------------------------------------------------
async function deliveryThroughput(concurrency: number): Promise<{ perSecond: number; n: number }> {
  const testDb = await createTestDatabase();
  const redis = await startRedis();
  const receiver = createHttpServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(204).end());
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
  const settings = { ...deliverySettings({}), concurrency };
  const subscriptionId = randomUUID();
  const connection = () => {
    const client = new Redis(redis.url, { maxRetriesPerRequest: null });
    clients.push(client);
    return client;
  };
  const queue = new Queue<WebhookJob>(ALERT_WEBHOOKS_QUEUE, { connection: connection() });
  let worker: Worker<WebhookJob> | undefined;
  try {
    await testDb.db
      .insertInto('alert_subscriptions')
      .values({
        subscription_id: subscriptionId,
        name: 'bench',
        rule: '{}',
        deliver_to_queue: false,
        webhook_url: url,
        webhook_secret: newWebhookSecret(),
        notify_on_update: false,
        version: 1,
        created_at: new Date(),
        created_by: 'bench',
        updated_at: new Date(),
        updated_by: 'bench',
      })
      .execute();
    const jobs = [];
    for (let i = 0; i < DELIVERIES; i++) {
      const alertId = randomUUID();
      const message = {
        schema: 'newsledger.alert/v1',
        kind: 'raised',
        alertId,
        revision: 1,
        webhookId: `${alertId}.r1`,
        subscription: { id: subscriptionId, name: 'bench' },
        explanation: { events: [], articles: [] },
      } as unknown as AlertMessageV1;
      await recordPendingDelivery(testDb.db, message);
      jobs.push({
        name: 'deliver',
        data: { alertId, revision: 1, subscriptionId },
        opts: { jobId: `wh.${alertId}.r1`, removeOnComplete: true },
      });
    }
    await queue.addBulk(jobs);
    let done = 0;
    const started = performance.now();
    worker = new Worker<WebhookJob>(ALERT_WEBHOOKS_QUEUE, (job) => processWebhookJob(testDb.db, settings, job), {
      ...webhookWorkerOptions(settings),
      connection: connection(),
    });
    worker.on('completed', () => void done++);
    let failure: string | undefined;
    worker.on('failed', (_job, error) => (failure ??= error.message));
    while (done < DELIVERIES) {
      if (failure) throw new Error(`a webhook delivery failed: ${failure}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return { perSecond: DELIVERIES / ((performance.now() - started) / 1_000), n: DELIVERIES };
  } finally {
    await worker?.close();
    await queue.close();
    receiver.close();
    closeClients();
    redis.stop();
    await testDb.drop();
  }
}

say(
  `machine: ${cpus().length} CPUs (${cpus()[0]?.model}), Node ${process.version}, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
const rules = ruleEvaluation();
say(
  `rule evaluation: ${fmt(rules.perSecond)} events/s over ${fmt(EVENTS)} events, ${fmt(SUBSCRIPTIONS)} subscriptions (index hands ${fmt(rules.candidatesPerEvent, 1)} candidate rules per event; ${fmt(rules.hits)} hits)`,
);
const latency = await ingestToAlertJob();
say(
  `ingest → alert job on the queue: p50 ${fmt(latency.p50)} ms, p99 ${fmt(latency.p99)} ms, max ${fmt(latency.max)} ms (${latency.n} articles, one every 150 ms, api + worker in one process)`,
);
for (const concurrency of [16, 64]) {
  const delivery = await deliveryThroughput(concurrency);
  say(
    `webhook delivery to a local receiver: ${fmt(delivery.perSecond)} deliveries/s (${fmt(delivery.n)} deliveries, worker concurrency ${concurrency}, each attempt recorded before and after)`,
  );
}
process.exit(0);
