// `npm run -s send -- --url … --published-at … FILE`: deliver an article the
// way any sender does (Standard Webhooks signature with WEBHOOK_SECRET), print
// its id, and with --wait the events it was coded into.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { DEVELOPMENT_WEBHOOK_SECRET } from '#config';
import { type ApiEvent, eventTable, eventsCaughtUp } from './event-table.js';
import { articleBody, parseSendArgs } from './send-options.js';

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const options = parseSendArgs(process.argv.slice(2));
  const fromStdin = options.file === undefined || options.file === '-';
  if (fromStdin && process.stdin.isTTY)
    throw new Error('give a FILE, or pipe a JSON body into stdin (npm run -s send -- --help)');
  const content = fromStdin ? readFileSync(0, 'utf8') : readFileSync(options.file!, 'utf8');
  const body = JSON.stringify(articleBody(options, content, options.file && basename(options.file)));

  const base = (process.env.NEWSLEDGER_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`).replace(/\/+$/, '');
  const secret = process.env.WEBHOOK_SECRET ?? DEVELOPMENT_WEBHOOK_SECRET;
  const id = `msg_${randomUUID()}`;
  const now = new Date();
  let response: Response;
  try {
    response = await fetch(`${base}/webhooks/articles`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': new Webhook(secret).sign(id, now, body),
      },
      body,
    });
  } catch (error) {
    throw new Error(
      `cannot reach ${base} (${(error as Error).message}); start newsledger (npm start) or set NEWSLEDGER_URL`,
      { cause: error },
    );
  }
  const answer = (await response.json().catch(() => ({}))) as {
    articleId?: string;
    duplicate?: boolean;
    message?: string;
  };
  if (!response.ok || !answer.articleId)
    throw new Error(`POST ${base}/webhooks/articles → ${response.status}: ${answer.message ?? JSON.stringify(answer)}`);
  say(`${answer.articleId}${answer.duplicate ? '  (already stored: nothing new)' : ''}`);
  if (!options.wait) return;

  const deadline = Date.now() + 120_000;
  for (;;) {
    const article = await fetch(`${base}/api/articles/${answer.articleId}?modality=all`);
    const detail = (await article.json()) as {
      status?: string;
      failureReason?: string | null;
      events?: ApiEvent[];
      history?: { subject?: string }[];
    };
    if (article.ok && detail.status !== 'received' && eventsCaughtUp(detail)) {
      say(
        `${detail.status}${detail.failureReason ? `: ${detail.failureReason}` : ''}, ${detail.events?.length ?? 0} event(s)`,
      );
      printEvents(detail.events ?? []);
      return;
    }
    if (Date.now() > deadline)
      throw new Error(`article ${answer.articleId} was not coded within two minutes (is a worker running?)`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

function printEvents(events: ApiEvent[]): void {
  if (events.length === 0) return;
  for (const line of eventTable(events)) say(line);
}

main().catch((error: Error) => {
  process.stderr.write(`send: ${error.message}\n`);
  process.exit(1);
});
