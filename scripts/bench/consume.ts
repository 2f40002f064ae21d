/**
 * npm run bench:consume — a LogConsumer catching up over 1,000,000 stored
 * events (trivial projection: sums a field, upserts one counter row in the
 * batch's transaction) beside a raw keyset scan of the same rows in the same
 * order and page size through pg.
 *
 * Env: DATABASE_URL (else a throwaway database on TEST_DATABASE_URL's server),
 * BENCH_EVENTS (1000000), BENCH_LOAD_TRANSACTIONS (10), BENCH_BATCH (headline
 * batch size, 500 = the consumer's default), BENCH_BATCHES (500,1000,5000),
 * BENCH_ROUNDS (2).
 */
import { sql } from 'kysely';
import { LogConsumer, type StoredEvent } from '#event-store';
import { type BenchDatabase, checkpoint, describeMachine, fmt, nowMs, openBenchDatabase, runTag } from './shared.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const LOAD_TRANSACTIONS = Number(process.env.BENCH_LOAD_TRANSACTIONS ?? 10);
const HEADLINE_BATCH = Number(process.env.BENCH_BATCH ?? 500);
const BATCHES = [
  ...new Set([...(process.env.BENCH_BATCHES ?? '500,1000,5000').split(',').map(Number), HEADLINE_BATCH]),
];
/** Each batch size is timed this many times, raw and consumer alternating; the best of each side counts (the box is shared). */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const EVENTS_PER_STREAM = 50;
const PREFIX = `bench-${runTag}-s`;
const COUNTERS = `bench_projection_counters_${runTag}`;

/** Bulk load: generate_series straight into events (and streams), in LOAD_TRANSACTIONS transactions so the rows carry distinct xids. */
async function load(bench: BenchDatabase): Promise<number> {
  const started = nowMs();
  const perTransaction = Math.ceil(EVENTS / LOAD_TRANSACTIONS);
  for (let from = 0; from < EVENTS; from += perTransaction) {
    const to = Math.min(EVENTS, from + perTransaction) - 1;
    await sql`
      insert into events (stream_id, stream_version, event_id, type, data, metadata)
      select ${PREFIX} || (g / ${EVENTS_PER_STREAM}),
             (g % ${EVENTS_PER_STREAM}) + 1,
             gen_random_uuid(),
             case when g % 5 = 0 then 'ArticleIngested' else 'ArticleMentionExtracted' end,
             jsonb_build_object(
               'articleId', gen_random_uuid(),
               'source', 'reuters',
               'url', 'https://www.reuters.example/world/2026/11/28/parliament-vote-' || g,
               'title', 'Coalition talks stall as opposition leader rejects budget compromise (' || g || ')',
               'language', 'en',
               'publishedAt', to_char(timestamptz '2026-11-28' + g * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
               'wordCount', 300 + g % 1700,
               'actors', jsonb_build_array('GOV', 'OPP'),
               'cameoCode', '0' || (g % 9) || '2'),
             jsonb_build_object('correlationId', gen_random_uuid(), 'causationId', gen_random_uuid(), 'actor', 'ingest:rss', 'schemaVersion', 1)
      from generate_series(${from}::bigint, ${to}::bigint) g`.execute(bench.db);
  }
  await sql`
    insert into streams (stream_id, version)
    select ${PREFIX} || s, least(${EVENTS_PER_STREAM}, ${EVENTS} - s * ${EVENTS_PER_STREAM})
    from generate_series(0, (${EVENTS} - 1) / ${EVENTS_PER_STREAM}) s`.execute(bench.db);
  // What autovacuum does to a settled table: hint bits, visibility map, statistics. Without it the first scan pays for them.
  await sql`vacuum (analyze) events`.execute(bench.db);
  await checkpoint(bench.db);
  return (nowMs() - started) / 1000;
}

/** The consumer under test: a trivial but real projection (sum a field, upsert one counter row with the batch). */
async function consume(
  bench: BenchDatabase,
  batchSize: number,
  round: number,
): Promise<{ events: number; seconds: number; words: number }> {
  const name = `bench-${runTag}-${batchSize}-${round}`;
  const consumer = new LogConsumer(bench.db, {
    name,
    batchSize,
    handle: async (events: StoredEvent[], trx) => {
      let words = 0;
      for (const event of events) words += (event.data as { wordCount?: number }).wordCount ?? 0;
      await sql`
        insert into ${sql.table(COUNTERS)} (consumer, events, words) values (${name}, ${events.length}, ${words})
        on conflict (consumer) do update set events = ${sql.table(COUNTERS)}.events + excluded.events, words = ${sql.table(COUNTERS)}.words + excluded.words`.execute(
        trx,
      );
    },
  });
  const started = nowMs();
  let events = 0;
  for (let moved = await consumer.processBatch(); moved > 0; moved = await consumer.processBatch()) events += moved;
  const seconds = (nowMs() - started) / 1000;
  const { rows } = await sql<{
    words: string;
  }>`select words from ${sql.table(COUNTERS)} where consumer = ${name}`.execute(bench.db);
  return { events, seconds, words: Number(rows[0]?.words ?? 0) };
}

/** Raw: keyset pages of the same size, same columns, same order and row comparison, straight through pg. */
async function rawScan(
  bench: BenchDatabase,
  batchSize: number,
): Promise<{ events: number; seconds: number; words: number }> {
  const client = await bench.pool.connect();
  try {
    const started = nowMs();
    let events = 0;
    let words = 0;
    let after: [string, string] = ['0', '0'];
    for (;;) {
      const { rows } = await client.query<{
        transaction_id: string;
        global_position: string;
        data: { wordCount?: number };
      }>({
        name: `raw-scan-${batchSize}`,
        text: `select global_position, transaction_id, stream_id, stream_version, event_id, type, data, metadata, recorded_at
               from events
               where (transaction_id, global_position) > ($1::xid8, $2::bigint)
               order by transaction_id, global_position
               limit ${batchSize}`,
        values: after,
      });
      if (rows.length === 0) break;
      for (const row of rows) words += row.data.wordCount ?? 0;
      events += rows.length;
      const last = rows[rows.length - 1]!;
      after = [last.transaction_id, last.global_position];
    }
    return { events, seconds: (nowMs() - started) / 1000, words };
  } finally {
    client.release();
  }
}

async function explainConsumerRead(bench: BenchDatabase, batchSize: number): Promise<string[]> {
  // Mid-log checkpoint, as a consumer in steady catch-up would have.
  const { rows: mid } = await sql<{ transaction_id: string; global_position: string }>`
    select transaction_id, global_position from events order by transaction_id, global_position offset ${Math.floor(EVENTS / 2)} limit 1`.execute(
    bench.db,
  );
  const { rows } = await sql<{ 'QUERY PLAN': string }>`
    explain (analyze, buffers, costs off, timing off)
    select global_position, transaction_id, stream_id, stream_version, event_id, type, data, metadata, recorded_at
    from events
    where (transaction_id, global_position) > (${mid[0]!.transaction_id}::xid8, ${mid[0]!.global_position}::bigint)
      and transaction_id < pg_snapshot_xmin(pg_current_snapshot())
    order by transaction_id, global_position
    limit ${batchSize}`.execute(bench.db);
  return rows.map((r) => r['QUERY PLAN']);
}

async function main(): Promise<void> {
  const bench = await openBenchDatabase(4);
  try {
    for (const l of await describeMachine(bench.db)) console.log(l);
    console.log(`database: ${bench.description}`);
    await sql
      .raw(`create table ${COUNTERS} (consumer text primary key, events bigint not null, words bigint not null)`)
      .execute(bench.db);
    const loadSeconds = await load(bench);
    const { rows: size } = await sql<{ total: string; size: string }>`
      select count(*)::text as total, pg_size_pretty(pg_total_relation_size('events')) as size from events`.execute(
      bench.db,
    );
    console.log(
      `loaded ${fmt(EVENTS)} events in ${LOAD_TRANSACTIONS} transactions in ${loadSeconds.toFixed(1)} s; events now ${fmt(Number(size[0]!.total))} rows, ${size[0]!.size} with indexes`,
    );
    console.log(
      `consumer read plan (batch ${HEADLINE_BATCH}, mid-log): ${(await explainConsumerRead(bench, HEADLINE_BATCH)).map((l) => l.trim()).join(' | ')}`,
    );

    await rawScan(bench, 5000); // warm-up: every page in cache before anything is timed
    const results = new Map<number, { consumer: number; raw: number }>();
    for (const batchSize of BATCHES) {
      const consumerRates: number[] = [];
      const rawRates: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const raw = await rawScan(bench, batchSize);
        const consumed = await consume(bench, batchSize, round);
        if (consumed.events !== raw.events || consumed.words !== raw.words) {
          throw new Error(
            `consumer saw ${consumed.events} events / ${consumed.words} words, raw scan ${raw.events} / ${raw.words}`,
          );
        }
        consumerRates.push(consumed.events / consumed.seconds);
        rawRates.push(raw.events / raw.seconds);
      }
      const consumerRate = Math.max(...consumerRates);
      const rawRate = Math.max(...rawRates);
      results.set(batchSize, { consumer: consumerRate, raw: rawRate });
      const all = (rates: number[]) => rates.map((r) => fmt(r)).join(' / ');
      console.log(
        `batch=${String(batchSize).padEnd(5)} consumer ${fmt(consumerRate).padStart(8)} events/s   raw keyset scan ${fmt(rawRate).padStart(8)} events/s   ratio ${(consumerRate / rawRate).toFixed(2)}` +
          `   (best of ${ROUNDS}; consumer ${all(consumerRates)}, raw ${all(rawRates)})`,
      );
    }

    if (!bench.throwaway) {
      await sql`delete from consumer_checkpoints where consumer like ${`bench-${runTag}-%`}`.execute(bench.db);
      await sql`delete from events where stream_id like ${`${PREFIX}%`}`.execute(bench.db);
      await sql`delete from streams where stream_id like ${`${PREFIX}%`}`.execute(bench.db);
    }
    await sql.raw(`drop table ${COUNTERS}`).execute(bench.db);

    const headline = results.get(HEADLINE_BATCH)!;
    console.log(`headline: batch ${HEADLINE_BATCH} (the consumer's default batch size)`);
    console.log(`events_per_second ${Math.round(headline.consumer)}`);
    console.log(`ratio_to_raw ${(headline.consumer / headline.raw).toFixed(2)}`);
  } finally {
    await bench.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
