// npm run bench:hostile-html — HTML → text on hostile and ordinary bodies, in process
// (median of BENCH_RUNS), then /health latency of the compiled api while the worst
// bodies are delivered to it (idle first, for the ratio). The api runs alone
// (no worker) on a throwaway PostgreSQL database and a private Redis.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { DEVELOPMENT_WEBHOOK_SECRET } from '#config';
import { createTestDatabase } from '#db/testing/test-database';
import { htmlToText } from '#ingest';
import { ROOT, freePort, startRedis } from './apps.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const say = (line: string) => process.stdout.write(`${line}\n`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const max = (values: number[]) => Math.max(...values);
const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;

const nested = (depth: number) =>
  `${'<div>'.repeat(depth)}Iraq and Iran held talks in Baghdad on Monday.${'</div>'.repeat(depth)}`;
const corpus = readdirSync(resolve(ROOT, '../shared/corpus/dev'))
  .filter((f) => f.endsWith('.txt'))
  .slice(0, 40);
const paragraphs = corpus
  .flatMap((f) => readFileSync(resolve(ROOT, '../shared/corpus/dev', f), 'utf8').split(/\n\s*\n/))
  .filter((p) => p.trim());
/** A news page: navigation, an article of `count` corpus paragraphs (cycled), related links, footer. */
const page = (count: number) =>
  `<html><head><title>t</title><script>var x = 1;</script></head><body><nav><a href="/">Home</a><a href="/world">World</a></nav>` +
  `<article><h1>Headline</h1>${Array.from({ length: count }, (_, i) => `<p>${paragraphs[i % paragraphs.length]!.replace(/[<"\\]/g, ' ')}</p>`).join('')}</article>` +
  `<aside class="related">${'<a href="/x">Another story</a>'.repeat(20)}</aside><footer>© Example</footer></body></html>`;

const inputs: [string, string][] = [
  ['news page (nav, article, footer)', page(12)],
  ['5.5 KB of nested elements', nested(500)],
  ['11 KB of nested elements', nested(1_000)],
  ['60,000 nested divs (660 KB)', nested(60_000)],
  ['1 MB of unclosed "<p "', `<p>Talks.</p>${'<p '.repeat(330_000)}`],
  ['long news page (2,000 paragraphs)', page(2_000)],
];

say(
  `machine: ${cpus().length} × ${cpus()[0]?.model}; load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}; node ${process.version}`,
);
say(`\nHTML → text in process (htmlparser2 tokenizer, linear), median of ${RUNS}:`);
for (const [name, html] of inputs) {
  htmlToText(html); // warm-up
  const times = Array.from({ length: RUNS }, () => {
    const start = performance.now();
    htmlToText(html);
    return performance.now() - start;
  });
  say(`  ${name}: ${(html.length / 1024).toFixed(1)} KB → ${ms(median(times))} (max ${ms(max(times))})`);
}

const testDb = await createTestDatabase();
const redis = await startRedis();
const apiPort = await freePort();
const base = `http://127.0.0.1:${apiPort}`;
const api: ChildProcess = spawn(process.execPath, [resolve(ROOT, 'dist/apps/api/src/main.js')], {
  cwd: ROOT,
  env: {
    ...process.env,
    LOG_LEVEL: 'error',
    DATABASE_URL: testDb.url,
    REDIS_URL: redis.url,
    PORT: String(apiPort),
    WEBHOOK_RATE_LIMIT_PER_MINUTE: '100000',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});

const healthOnce = async () => {
  const start = performance.now();
  const response = await fetch(`${base}/health`);
  await response.arrayBuffer();
  return performance.now() - start;
};

/** /health latencies sampled every 10 ms while `work` runs. */
async function healthDuring(work: Promise<unknown>): Promise<number[]> {
  let done = false;
  void work.finally(() => (done = true));
  const samples: number[] = [];
  while (!done) {
    samples.push(await healthOnce());
    await new Promise((r) => setTimeout(r, 10));
  }
  await work;
  return samples;
}

const webhook = new Webhook(DEVELOPMENT_WEBHOOK_SECRET);
let n = 0;
async function deliver(body: string): Promise<number> {
  const id = `msg_bench_html_${n++}_${Date.now()}`;
  const payload = JSON.stringify({
    url: `https://bench.example.org/${id}`,
    title: 'Bench',
    publishedAt: '2021-04-07',
    outlet: 'Bench',
    body,
  });
  const response = await fetch(`${base}/webhooks/articles`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
      'webhook-signature': webhook.sign(id, new Date(), payload),
    },
    body: payload,
  });
  await response.arrayBuffer();
  return response.status;
}

try {
  for (let i = 0; ; i++) {
    if (
      await fetch(`${base}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (i > 300) throw new Error('the api did not become healthy');
    await new Promise((r) => setTimeout(r, 200));
  }
  for (let i = 0; i < 20; i++) await healthOnce(); // warm-up
  const idle: number[] = [];
  for (let i = 0; i < 100; i++) idle.push(await healthOnce());
  say(`\n/health of the api (${RUNS} deliveries per body; samples every 10 ms while each is handled):`);
  say(`  idle: median ${ms(median(idle))}, max ${ms(max(idle))}`);
  for (const [name, html] of inputs.slice(3)) {
    const during: number[] = [];
    const statuses: number[] = [];
    for (let run = 0; run < RUNS; run++)
      during.push(...(await healthDuring(deliver(html).then((status) => statuses.push(status)))));
    say(
      `  during ${name} (answers ${[...new Set(statuses)].join(', ')}): median ${ms(median(during))}, max ${ms(max(during))} over ${during.length} samples; median ${(median(during) / median(idle)).toFixed(1)}× idle`,
    );
  }
} finally {
  api.kill('SIGTERM');
  redis.stop();
  await new Promise((r) => setTimeout(r, 1_000));
  await testDb.drop();
}
