// `npm run demo` — the main job on a fresh machine: starts newsledger (api +
// worker; embedded PostgreSQL and BullMQ on PostgreSQL unless DATABASE_URL /
// REDIS_URL are set), delivers examples/article.json through the signed
// webhook like any sender would, prints the coded events as a table, and keeps
// serving until Ctrl-C.
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { webhookSecret } from '#config';
import { loadConfigOrExit, startHttpApp } from '#platform';
import { StandaloneModule } from '../apps/standalone/src/standalone.module.js';

const config = loadConfigOrExit();
const examplePath = new URL('../../examples/article.json', import.meta.url);
const example = JSON.parse(readFileSync(examplePath, 'utf8')) as { title: string };

await startHttpApp(StandaloneModule, { port: config.PORT, host: config.HOST, openApi: true, maxBodyBytes: config.MAX_BODY_BYTES, trustProxy: config.TRUST_PROXY, rateLimitPerMinute: config.WEBHOOK_RATE_LIMIT_PER_MINUTE });
const base = `http://127.0.0.1:${config.PORT}`;

const body = JSON.stringify(example);
const id = `msg_demo_${randomUUID()}`;
const now = new Date();
const delivery = await fetch(`${base}/webhooks/articles`, {
  method: 'POST',
  headers: {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': new Webhook(webhookSecret(config)).sign(id, now, body),
  },
  body,
});
const { articleId } = (await delivery.json()) as { articleId: string };
say(`\nPOST /webhooks/articles → ${delivery.status} ${delivery.status === 200 ? '(already stored earlier)' : ''}  articleId ${articleId}`);

const article = await waitForCoded(articleId);
say(`"${example.title}" — ${article.status}, ${article.events.length} events\n`);
printTable(article.events);
say(`\nnewsledger is serving on ${base}  (API docs ${base}/docs, this article ${base}/api/articles/${articleId}). Ctrl-C stops it.`);

interface ApiEvent {
  type: string;
  agent: { name: string }[];
  target: { name: string }[];
  date: { start: string; end: string; precision: string };
  modality: string;
  evidence: { text: string }[];
}

async function waitForCoded(articleId: string): Promise<{ status: string; events: ApiEvent[] }> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await fetch(`${base}/api/articles/${articleId}`);
    if (response.ok) {
      const article = (await response.json()) as { status: string; events: ApiEvent[] };
      if (article.status !== 'received') return article;
    }
    if (Date.now() > deadline) throw new Error(`article ${articleId} was not coded within a minute`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function printTable(events: ApiEvent[]): void {
  const rows = events.map((e) => [
    e.type,
    e.agent.map((a) => a.name).join(', ') || '—',
    e.target.map((a) => a.name).join(', ') || '—',
    e.date.start === e.date.end ? e.date.start : `${e.date.start}…${e.date.end}`,
    e.modality,
    truncate(e.evidence[0]?.text ?? '', 60),
  ]);
  const header = ['type', 'agent', 'target', 'date', 'modality', 'evidence'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  say(line(header));
  say(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const row of rows) say(line(row));
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}
