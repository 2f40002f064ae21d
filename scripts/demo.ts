// `npm run demo` — the main job on a fresh machine: starts newsledger (api +
// worker; embedded PostgreSQL and BullMQ on PostgreSQL unless DATABASE_URL /
// REDIS_URL are set), subscribes to an example alert rule, delivers
// examples/article.json through the signed webhook like any sender would,
// prints the coded events and the alerts they raised, and keeps serving until
// Ctrl-C.
// The first line goes out before the framework loads (a few seconds on a busy machine).
process.stderr.write('newsledger: demo: starting newsledger, then sending it examples/article.json\n');
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { AlertView } from '#alerts';
import type { DatabaseHandle } from '#platform';
import { type ApiEvent, eventTable, eventsCaughtUp, truncate } from './send/event-table.js';
const { Webhook } = await import('standardwebhooks');
const { DEVELOPMENT_WEBHOOK_SECRET, webhookSecret } = await import('#config');
const { createSubscription, listAlerts, listSubscriptions } = await import('#alerts');
const { EventStore } = await import('#event-store');
const { DATABASE, isStopping, loadConfigOrExit, progress } = await import('#platform');
const { startStandalone } = await import('../apps/standalone/src/start.js');

const config = loadConfigOrExit();
const examplePath = new URL('../../examples/article.json', import.meta.url);
const example = JSON.parse(readFileSync(examplePath, 'utf8')) as { title: string };

const app = await startStandalone(config);
const base = `http://127.0.0.1:${config.PORT}`;
const { db } = app.get<DatabaseHandle>(DATABASE);

try {
  await runDemo();
} catch (error) {
  // Ctrl-C while the demo waits ends its requests; the app stops on its own, quietly.
  if (!isStopping()) throw error;
}

async function runDemo(): Promise<void> {
  // What an analyst would set up first (through the dashboard or POST /api/subscriptions): a rule
  // that raises an alert on the alerts queue. A rule applies to events recorded after it exists.
  const SUBSCRIPTION = 'Demo: US sanctions waivers, threats and attacks';
  if (!(await listSubscriptions(db)).some((s) => s.name === SUBSCRIPTION)) {
    await createSubscription(
      db,
      app.get(EventStore),
      {
        name: SUBSCRIPTION,
        rule: {
          eventTypes: ['WaiverGranted', 'ThreatIssued', 'AttackCarriedOut'],
          countries: ['USA'],
          countryRole: 'either',
          modalities: ['asserted'],
        },
        delivery: { queue: true },
      },
      'demo',
    );
  }

  progress('sending examples/article.json to POST /webhooks/articles, signed like any sender would');
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
  say(
    `\nPOST /webhooks/articles → ${delivery.status} ${delivery.status === 200 ? '(already stored earlier)' : ''}  articleId ${articleId}`,
  );

  progress('waiting for the coder (the first article of a run also loads its language model)');
  const article = await waitForCoded(articleId);
  say(`"${example.title}" — ${article.status}, ${article.events.length} events\n`);
  printTable(article.events);
  const alerts = await waitForAlerts(articleId);
  say(
    `\n${alerts.length} alert(s) raised for it on the "alerts" queue (subscription "${SUBSCRIPTION}"; asserted events only — what did not happen raises none):`,
  );
  for (const alert of alerts) {
    const matched = alert.explanation.events.map((e) => `"${truncate(e.evidence[0]?.text ?? '', 50)}"`).join(', ');
    say(`  ${alert.eventType}  incident ${alert.incidentId}  ${alert.sourceCount} source(s)  matched ${matched}`);
  }
  say(
    `\nnewsledger is serving on ${base}  (API docs ${base}/docs, this article ${base}/api/articles/${articleId}). Ctrl-C stops it.`,
  );
  say(
    `Dashboard: ${base}/admin${config.ADMIN_EMAIL ? ` (log in as ${config.ADMIN_EMAIL})` : ' — start with ADMIN_EMAIL and ADMIN_PASSWORD set to create the first admin'}.`,
  );
  const secret = webhookSecret(config);
  const whose =
    secret === DEVELOPMENT_WEBHOOK_SECRET
      ? 'the development secret; set WEBHOOK_SECRET for your own'
      : 'WEBHOOK_SECRET';
  say(`Send the next article to POST ${base}/webhooks/articles signed (Standard Webhooks) with the secret`);
  say(`  ${secret}  (${whose}; README "Sending an article"), or with the sender (NEWSLEDGER_URL=${base}):`);
  say(`  npm run -s send -- --url https://example.org/story --published-at 2021-04-08 --wait story.txt`);
}

async function waitForCoded(articleId: string): Promise<{ status: string; events: ApiEvent[] }> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    // Every modality: the demo shows what did not happen too, labelled in the modality column.
    const response = await fetch(`${base}/api/articles/${articleId}?modality=all`);
    if (response.ok) {
      const article = (await response.json()) as {
        status: string;
        events: ApiEvent[];
        history: { subject?: string }[];
      };
      if (article.status !== 'received' && eventsCaughtUp(article)) return article;
    }
    if (Date.now() > deadline) throw new Error(`article ${articleId} was not coded within a minute`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Alerts come from the alert projection, which runs after the incidents projection; give it a moment. */
async function waitForAlerts(articleId: string): Promise<AlertView[]> {
  const deadline = Date.now() + 10_000;
  let alerts: AlertView[] = [];
  while (Date.now() < deadline) {
    alerts = (await listAlerts(db, {}, { limit: 500, offset: 0 })).items.filter((a) =>
      a.articleIds.includes(articleId),
    );
    if (alerts.length > 0) {
      await new Promise((r) => setTimeout(r, 500));
      return (await listAlerts(db, {}, { limit: 500, offset: 0 })).items.filter((a) =>
        a.articleIds.includes(articleId),
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return alerts;
}

function printTable(events: ApiEvent[]): void {
  for (const line of eventTable(events)) say(line);
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}
