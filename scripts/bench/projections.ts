// npm run bench:projections — how fast each log consumer of the worker projects
// coded articles, one consumer at a time over the same stored log, and how many
// SQL statements it sends per article (the cost that two cores shared with
// PostgreSQL feel most). The articles are the dev corpus coded by the real coder.
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { createSubscription, createSubscriptionSchema, parseSubscriptionInput } from '#alerts';
import { EVENT_TYPE_NAMES } from '#domain';
import { EventStore, LogConsumer, type LogConsumerOptions, consumerStatuses } from '#event-store';
import { createCoder } from '#extraction';
import { READ_MODEL_PROJECTIONS } from '#read-models';
import { ArticleStreams, article } from '#read-models/testing/article-streams';
import { createAlertProjection } from '#alerts';
import { toRecordedEvents } from '../../apps/worker/src/coding/coded-event-ids.js';
import { describeMachine, openBenchDatabase } from './shared.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 1_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const SUBSCRIPTIONS = Number(process.env.BENCH_SUBSCRIPTIONS ?? 100);
const CORPUS = resolve(ROOT, '../shared/corpus/dev');
const say = (line: string) => process.stdout.write(`${line}\n`);

// Count every statement any pg client sends (Kysely's included).
let statements = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements++;
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;

const bench = await openBenchDatabase(10);
const { db } = bench;
try {
  for (const line of await describeMachine(db)) say(line);
  const streams = new ArticleStreams(db);
  const store = new EventStore(db);
  const coder = createCoder();
  const texts = readdirSync(CORPUS)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(resolve(CORPUS, f), 'utf8'));

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

  // The log: ARTICLES received and coded articles (the corpus, each copy a story of its own month).
  let events = 0;
  for (let n = 0; n < ARTICLES; n++) {
    const articleId = `bench-${n}`;
    const text = texts[n % texts.length]!;
    const publishedAt = `20${String(10 + (n % 12)).padStart(2, '0')}-${String(1 + (Math.floor(n / 12) % 12)).padStart(2, '0')}-07`;
    await streams.receive(article(articleId, { text, publishedAt, outlet: `Outlet ${n % 5}` }));
    const coded = toRecordedEvents(articleId, coder.version, coder.extract({ text, publishedAt }));
    events += coded.length;
    await streams.code(articleId, coded);
  }
  say(
    `log: ${ARTICLES} coded articles (${events} coded events, ${(events / ARTICLES).toFixed(1)} per article), ${SUBSCRIPTIONS} subscriptions; batch size ${BATCH}`,
  );

  const { invalidate: _, ...alertProjection } = createAlertProjection(store);
  const consumers: Pick<LogConsumerOptions, 'name' | 'types' | 'handle'>[] = [
    ...READ_MODEL_PROJECTIONS,
    alertProjection,
  ];
  let slowest = Infinity;
  for (const projection of consumers) {
    const consumer = new LogConsumer(db, { ...projection, batchSize: BATCH });
    // Done when past the log as it stands now (the alert projection appends alert events behind itself).
    const end = await db
      .selectFrom('events')
      .select((eb) => eb.fn.max('global_position').as('last'))
      .executeTakeFirstOrThrow();
    const before = statements;
    const started = performance.now();
    for (;;) {
      if ((await consumer.processBatch()) > 0) continue;
      const [status] = await consumerStatuses(db, [projection.name]);
      if (BigInt(status!.globalPosition) >= BigInt(end.last ?? 0)) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const seconds = (performance.now() - started) / 1000;
    const perSecond = ARTICLES / seconds;
    slowest = Math.min(slowest, perSecond);
    say(
      `${projection.name.padEnd(22)} ${seconds.toFixed(2).padStart(7)} s  ${perSecond.toFixed(0).padStart(6)} articles/s  ${((statements - before) / ARTICLES).toFixed(1).padStart(6)} statements/article`,
    );
  }
  say(`slowest_consumer_articles_per_second ${slowest.toFixed(0)}`);
} finally {
  await bench.close();
}
