/**
 * npm run bench:append [-- --peer emmett] — EventStore.append under 8
 * concurrent writers against raw INSERTs of the same rows into a copy of
 * `events` (same columns, defaults and indexes, none of the store's logic: one
 * autocommit INSERT per append, i.e. a raw single-row INSERT transaction at
 * batch 1), and with `--peer emmett` against Emmett's PostgreSQL event store
 * (@event-driven-io/emmett-postgresql, a devDependency used only here) in the
 * same database. Contenders alternate within each round; the figures are the
 * medians of the rounds, with statements (round trips) per append and the
 * wait events PostgreSQL's backends were sampled in.
 *
 * Env: DATABASE_URL (else a throwaway database on TEST_DATABASE_URL's server),
 * BENCH_SECONDS (5 per contender and round), BENCH_WRITERS (8), BENCH_BATCHES
 * (1,50), BENCH_ROUNDS (3).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { EventStore, type NewEvent } from '#event-store';
import { WaitSampler, countStatements } from './probes.js';
import {
  type BenchDatabase,
  checkpoint,
  describeMachine,
  fmt,
  latencySummary,
  nowMs,
  openBenchDatabase,
  runTag,
} from './shared.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 8);
const BATCHES = (process.env.BENCH_BATCHES ?? '1,50').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const peerIndex = process.argv.indexOf('--peer');
const PEER = peerIndex >= 0 ? process.argv[peerIndex + 1] : undefined;
if (PEER !== undefined && PEER !== 'emmett') throw new Error(`unknown peer ${PEER}: only 'emmett'`);
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
  statements: number;
  /** CPU time of this (Node) process per append: the client's share of the cost. */
  cpuMsPerAppend: number;
  waits: string;
}

type Event = ReturnType<typeof makeEvent>;
type AppendFn = (streamId: string, expectedVersion: number, events: Event[]) => Promise<number>;
interface Contender {
  name: string;
  append: AppendFn;
}

const statementsSent = countStatements();

/** Every writer appends batches to its own streams until the deadline; returns totals and per-append latencies. */
async function runPhase(
  seconds: number,
  batch: number,
  label: string,
  append: AppendFn,
  sampler: WaitSampler,
): Promise<PhaseResult> {
  const latenciesMs: number[] = [];
  let events = 0;
  await sampler.start();
  const statementsBefore = statementsSent();
  const cpuBefore = process.cpuUsage();
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
        version = await append(streamId, version, batchEvents);
        latenciesMs.push(nowMs() - t0);
        events += batchEvents.length;
        appendsInStream++;
      }
    }),
  );
  const seconds_ = (nowMs() - started) / 1000;
  const statements = statementsSent() - statementsBefore;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMsPerAppend = (cpu.user + cpu.system) / 1000 / Math.max(1, latenciesMs.length);
  return {
    events,
    appends: latenciesMs.length,
    seconds: seconds_,
    latenciesMs,
    statements,
    cpuMsPerAppend,
    waits: sampler.stop(),
  };
}

function storeContender(store: EventStore): Contender {
  return {
    name: 'store',
    append: async (streamId, expectedVersion, events) => {
      const result = await store.append(streamId, events, { expectedVersion });
      if (result.appended !== events.length) throw new Error(`appended ${result.appended} of ${events.length}`);
      return result.nextExpectedVersion;
    },
  };
}

/** One autocommit INSERT of exactly the rows the store would write (ids and metadata filled in here). */
function rawContender(bench: BenchDatabase): Contender {
  return {
    name: 'raw',
    append: async (streamId, expectedVersion, events) => {
      const params: unknown[] = [];
      const tuples = events.map((event, index) => {
        const p = params.length;
        params.push(
          streamId,
          expectedVersion + index + 1,
          randomUUID(),
          event.type,
          JSON.stringify(event.data),
          JSON.stringify(event.metadata),
        );
        return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6})`;
      });
      await bench.pool.query(
        `insert into ${RAW_TABLE} (stream_id, stream_version, event_id, type, data, metadata) values ${tuples.join(', ')}`,
        params,
      );
      return expectedVersion + events.length;
    },
  };
}

/** Emmett's appendToStream with the expected stream version, its own pool on the same database. */
async function emmettContender(url: string): Promise<{ contender: Contender; close: () => Promise<void> }> {
  const { getPostgreSQLEventStore } = await import('@event-driven-io/emmett-postgresql');
  const emmett = getPostgreSQLEventStore(url);
  // The first append migrates Emmett's schema: do it before any timing.
  await emmett.appendToStream(`bench-${runTag}-emmett-warmup`, [{ type: 'Warmup', data: {} }], {
    expectedStreamVersion: 0n,
  });
  return {
    contender: {
      name: 'emmett',
      append: async (streamId, expectedVersion, events) => {
        const result = await emmett.appendToStream(
          streamId,
          events.map((e) => ({ type: e.type, data: e.data as Record<string, unknown>, metadata: e.metadata })),
          { expectedStreamVersion: BigInt(expectedVersion) },
        );
        return Number(result.nextExpectedStreamVersion);
      },
    },
    close: () => emmett.close(),
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

function line(name: string, batch: number, runs: PhaseResult[]): string {
  const rates = runs.map((r) => r.events / r.seconds);
  const mid = runs[rates.indexOf(median(rates))] ?? runs[0]!;
  const { p50, p99 } = latencySummary(mid.latenciesMs);
  const perAppend = runs.reduce((s, r) => s + r.statements, 0) / runs.reduce((s, r) => s + r.appends, 0);
  return (
    `${name.padEnd(6)} batch=${String(batch).padEnd(3)} median ${fmt(median(rates)).padStart(7)} events/s (rounds: ${rates.map((r) => fmt(r)).join(' / ')}), ` +
    `p50 ${fmt(p50, 2)} ms p99 ${fmt(p99, 2)} ms, ${perAppend.toFixed(2)} statements and ${median(runs.map((r) => r.cpuMsPerAppend)).toFixed(3)} ms client CPU per append; ` +
    `waits: ${mid.waits || '-'}`
  );
}

async function main(): Promise<void> {
  const bench = await openBenchDatabase(WRITERS + 4);
  const sampler = new WaitSampler(bench.url);
  let closePeer = async () => undefined as void;
  try {
    for (const l of await describeMachine(bench.db)) console.log(l);
    console.log(`database: ${bench.description}`);
    console.log(
      `append: ${WRITERS} concurrent writers, each on its own streams (a new one every ${APPENDS_PER_STREAM} appends), expected versions; ` +
        `batches ${BATCHES.join(', ')}; ${SECONDS} s per contender, ${ROUNDS} rounds alternating; ~${JSON.stringify(makeEvent(0, 0).data).length} B data per event`,
    );
    await sql.raw(`create table ${RAW_TABLE} (like events including all)`).execute(bench.db);
    await Promise.all(Array.from({ length: WRITERS }, () => bench.pool.query('select 1'))); // open every connection up front
    const contenders: Contender[] = [storeContender(new EventStore(bench.db)), rawContender(bench)];
    if (PEER === 'emmett') {
      const emmett = await emmettContender(bench.url);
      contenders.push(emmett.contender);
      closePeer = emmett.close;
    }

    const medians = new Map<string, number>();
    for (const batch of BATCHES) {
      const runs = new Map<string, PhaseResult[]>(contenders.map((c) => [c.name, []]));
      for (let round = 0; round < ROUNDS; round++) {
        // Rotate the order each round, so no contender always runs after the same one.
        const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]!);
        for (const contender of order) {
          await checkpoint(bench.db);
          runs
            .get(contender.name)!
            .push(await runPhase(SECONDS, batch, `${contender.name}-b${batch}-r${round}`, contender.append, sampler));
        }
      }
      for (const contender of contenders) {
        const results = runs.get(contender.name)!;
        console.log(line(contender.name, batch, results));
        medians.set(`${contender.name}:${batch}`, median(results.map((r) => r.events / r.seconds)));
      }
    }

    if (!bench.throwaway) {
      // Leave a shared database as we found it.
      await sql`delete from events where stream_id like ${`bench-${runTag}-%`}`.execute(bench.db);
      await sql`delete from streams where stream_id like ${`bench-${runTag}-%`}`.execute(bench.db);
    }
    await sql.raw(`drop table ${RAW_TABLE}`).execute(bench.db);

    const headline = Math.max(...BATCHES);
    const ratio = (a: string, b: string) => (medians.get(a)! / medians.get(b)!).toFixed(2);
    if (BATCHES.includes(1)) {
      console.log(`single_event_ratio_to_raw ${ratio('store:1', 'raw:1')}`);
      if (PEER) console.log(`single_event_ratio_to_${PEER} ${ratio('store:1', `${PEER}:1`)}`);
    }
    if (PEER && headline !== 1)
      console.log(`batch${headline}_ratio_to_${PEER} ${ratio(`store:${headline}`, `${PEER}:${headline}`)}`);
    console.log(`events_per_second ${Math.round(medians.get(`store:${headline}`)!)}`);
    console.log(`ratio_to_raw ${ratio(`store:${headline}`, `raw:${headline}`)}`);
  } finally {
    await closePeer();
    await sampler.close();
    await bench.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
