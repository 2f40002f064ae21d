/**
 * npm run bench:append — EventStore.append under 8 concurrent writers against
 * raw multi-row INSERTs of the same rows into a copy of `events` (same
 * columns, defaults and indexes, none of the store's logic).
 *
 * Env: DATABASE_URL (else a throwaway database on TEST_DATABASE_URL's server),
 * BENCH_SECONDS (10), BENCH_WRITERS (8), BENCH_BATCH (50), BENCH_SINGLE_SECONDS
 * (3; 0 skips the batch-size-1 line).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { EventStore, type NewEvent } from '#event-store';
import { type BenchDatabase, checkpoint, describeMachine, fmt, latencySummary, nowMs, openBenchDatabase, runTag } from './shared.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 8);
const BATCH = Number(process.env.BENCH_BATCH ?? 50);
const SINGLE_SECONDS = Number(process.env.BENCH_SINGLE_SECONDS ?? 3);
/** Appends per stream before a writer moves to a new stream: mixes the "new stream" and "existing stream" CAS paths. */
const APPENDS_PER_STREAM = 20;
const RAW_TABLE = `bench_raw_events_${runTag}`;

const SOURCES = ['reuters', 'apnews', 'bbc', 'aljazeera', 'lemonde', 'dw'];
const SECTIONS = ['world', 'politics', 'europe', 'africa', 'asia', 'americas'];

/** An ingest-like event: ~300 bytes of JSON data, metadata with correlation/causation/actor. */
function makeEvent(writer: number, n: number): NewEvent & { metadata: Record<string, unknown> } {
  const articleId = randomUUID();
  const source = SOURCES[n % SOURCES.length]!;
  return {
    type: n % 5 === 0 ? 'ArticleIngested' : 'ArticleMentionExtracted',
    data: {
      articleId,
      source,
      url: `https://www.${source}.example/${SECTIONS[n % SECTIONS.length]}/2026/11/28/parliament-vote-${writer}-${n}`,
      title: `Coalition talks stall as opposition leader rejects budget compromise (${n})`,
      language: 'en',
      publishedAt: new Date(1_795_000_000_000 + n * 1000).toISOString(),
      wordCount: 300 + (n % 1700),
      actors: ['GOV', 'OPP'],
      cameoCode: '0' + (n % 9) + '2',
    },
    metadata: { causationId: articleId, actor: 'ingest:rss', correlationId: randomUUID(), schemaVersion: 1 },
  };
}

interface PhaseResult {
  events: number;
  appends: number;
  seconds: number;
  latenciesMs: number[];
}

type AppendFn = (writer: number, streamId: string, expectedVersion: number, events: ReturnType<typeof makeEvent>[]) => Promise<number>;

/** Every writer appends batches to its own streams until the deadline; returns totals and per-append latencies. */
async function runPhase(seconds: number, batch: number, label: string, append: AppendFn): Promise<PhaseResult> {
  const latenciesMs: number[] = [];
  let events = 0;
  const started = nowMs();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, writer) => {
      let streamNo = 0;
      let version = 0;
      let appendsInStream = 0;
      let n = 0;
      while (nowMs() < deadline) {
        if (appendsInStream === APPENDS_PER_STREAM) {
          streamNo++;
          version = 0;
          appendsInStream = 0;
        }
        const streamId = `bench-${runTag}-${label}-w${writer}-s${streamNo}`;
        const batchEvents = Array.from({ length: batch }, () => makeEvent(writer, n++));
        const t0 = nowMs();
        version = await append(writer, streamId, version, batchEvents);
        latenciesMs.push(nowMs() - t0);
        events += batchEvents.length;
        appendsInStream++;
      }
    }),
  );
  return { events, appends: latenciesMs.length, seconds: (nowMs() - started) / 1000, latenciesMs };
}

function storeAppender(store: EventStore): AppendFn {
  return async (_writer, streamId, expectedVersion, events) => {
    const result = await store.append(streamId, events, { expectedVersion });
    if (result.appended !== events.length) throw new Error(`appended ${result.appended} of ${events.length}`);
    return result.nextExpectedVersion;
  };
}

/** One autocommit multi-row INSERT of exactly the rows the store would write (ids and metadata filled in here). */
function rawAppender(bench: BenchDatabase): AppendFn {
  return async (_writer, streamId, expectedVersion, events) => {
    const params: unknown[] = [];
    const tuples = events.map((event, index) => {
      const p = params.length;
      params.push(streamId, expectedVersion + index + 1, randomUUID(), event.type, JSON.stringify(event.data), JSON.stringify(event.metadata));
      return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6})`;
    });
    await bench.pool.query(`insert into ${RAW_TABLE} (stream_id, stream_version, event_id, type, data, metadata) values ${tuples.join(', ')}`, params);
    return expectedVersion + events.length;
  };
}

function line(name: string, batch: number, r: PhaseResult): string {
  const { p50, p99 } = latencySummary(r.latenciesMs);
  return `${name.padEnd(6)} batch=${String(batch).padEnd(3)} ${fmt(r.events / r.seconds).padStart(8)} events/s  ${fmt(r.appends / r.seconds).padStart(7)} appends/s  latency p50 ${fmt(p50, 2)} ms  p99 ${fmt(p99, 2)} ms  (${fmt(r.events)} events in ${r.seconds.toFixed(1)} s)`;
}

async function main(): Promise<void> {
  const bench = await openBenchDatabase(WRITERS + 4);
  try {
    for (const l of await describeMachine(bench.db)) console.log(l);
    console.log(`database: ${bench.description}`);
    console.log(
      `append: ${WRITERS} concurrent writers, distinct streams, expected versions, ${SECONDS} s per phase; ` +
        `batch ${BATCH} events per append (one ingest job's events for an article/feed page), ~${JSON.stringify(makeEvent(0, 0).data).length} B data per event`,
    );
    await sql.raw(`create table ${RAW_TABLE} (like events including all)`).execute(bench.db);
    await Promise.all(Array.from({ length: WRITERS }, () => bench.pool.query('select 1'))); // open every connection up front
    const store = new EventStore(bench.db);

    await checkpoint(bench.db);
    const storeMain = await runPhase(SECONDS, BATCH, 'store', storeAppender(store));
    await checkpoint(bench.db);
    const rawMain = await runPhase(SECONDS, BATCH, 'raw', rawAppender(bench));
    console.log(line('store', BATCH, storeMain));
    console.log(line('raw', BATCH, rawMain));

    if (SINGLE_SECONDS > 0 && BATCH !== 1) {
      await checkpoint(bench.db);
      const storeOne = await runPhase(SINGLE_SECONDS, 1, 'store1', storeAppender(store));
      await checkpoint(bench.db);
      const rawOne = await runPhase(SINGLE_SECONDS, 1, 'raw1', rawAppender(bench));
      console.log(line('store', 1, storeOne) + `  [secondary, ${SINGLE_SECONDS} s]`);
      console.log(line('raw', 1, rawOne) + `  [secondary, ${SINGLE_SECONDS} s; ratio ${(storeOne.events / storeOne.seconds / (rawOne.events / rawOne.seconds)).toFixed(2)}]`);
    }

    if (!bench.throwaway) {
      // Leave a shared database as we found it.
      await sql`delete from events where stream_id like ${`bench-${runTag}-%`}`.execute(bench.db);
      await sql`delete from streams where stream_id like ${`bench-${runTag}-%`}`.execute(bench.db);
    }
    await sql.raw(`drop table ${RAW_TABLE}`).execute(bench.db);

    const storeRate = storeMain.events / storeMain.seconds;
    const rawRate = rawMain.events / rawMain.seconds;
    console.log(`events_per_second ${Math.round(storeRate)}`);
    console.log(`ratio_to_raw ${(storeRate / rawRate).toFixed(2)}`);
  } finally {
    await bench.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
