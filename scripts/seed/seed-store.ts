// Seeds the event log with many coded articles, through the real decider and
// the real EventStore (appendMany, many streams a transaction), so the read
// models are built by the real projections. Deterministic: the same seed gives
// the same log. Used by `npm run seed:events` and the dashboard's scale test.
import {
  type CodedEventRecorded,
  EVENT_TYPES,
  EVENT_TYPE_NAMES,
  type EventLocation,
  type EventType,
  type Modality,
  articleStreamId,
  decideArticle,
  foldArticle,
} from '#domain';
import { sql } from 'kysely';
import type { Db } from '#db';
import { EventStore, type StreamAppend, overwriteCheckpoint } from '#event-store';

const COUNTRIES = [
  'IRQ',
  'IRN',
  'USA',
  'SYR',
  'TUR',
  'SAU',
  'ISR',
  'LBN',
  'JOR',
  'EGY',
  'RUS',
  'UKR',
  'CHN',
  'IND',
  'PAK',
  'AFG',
  'FRA',
  'DEU',
  'GBR',
  'NGA',
  'ETH',
  'KEN',
  'BRA',
  'MEX',
  'COL',
  'VEN',
  'JPN',
  'KOR',
  'PRK',
  'IDN',
];
const NAMES: Record<string, string> = {
  IRQ: 'Iraq',
  IRN: 'Iran',
  USA: 'United States',
  SYR: 'Syria',
  TUR: 'Turkey',
  SAU: 'Saudi Arabia',
  ISR: 'Israel',
  LBN: 'Lebanon',
  JOR: 'Jordan',
  EGY: 'Egypt',
  RUS: 'Russia',
  UKR: 'Ukraine',
  CHN: 'China',
  IND: 'India',
  PAK: 'Pakistan',
  AFG: 'Afghanistan',
  FRA: 'France',
  DEU: 'Germany',
  GBR: 'United Kingdom',
  NGA: 'Nigeria',
  ETH: 'Ethiopia',
  KEN: 'Kenya',
  BRA: 'Brazil',
  MEX: 'Mexico',
  COL: 'Colombia',
  VEN: 'Venezuela',
  JPN: 'Japan',
  KOR: 'South Korea',
  PRK: 'North Korea',
  IDN: 'Indonesia',
};
/** Capitals with their coordinates (GeoNames), as the places module would give them. */
const CITIES: [string, string, number, number][] = [
  ['Baghdad', 'IRQ', 33.34058, 44.40088],
  ['Erbil', 'IRQ', 36.19257, 44.01062],
  ['Basra', 'IRQ', 30.50852, 47.7804],
  ['Tehran', 'IRN', 35.69439, 51.42151],
  ['Washington', 'USA', 38.89511, -77.03637],
  ['Damascus', 'SYR', 33.5102, 36.29128],
  ['Ankara', 'TUR', 39.91987, 32.85427],
  ['Riyadh', 'SAU', 24.68773, 46.72185],
  ['Jerusalem', 'ISR', 31.76904, 35.21633],
  ['Beirut', 'LBN', 33.89332, 35.50157],
  ['Amman', 'JOR', 31.95522, 35.94503],
  ['Cairo', 'EGY', 30.06263, 31.24967],
  ['Moscow', 'RUS', 55.75222, 37.61556],
  ['Kyiv', 'UKR', 50.45466, 30.5238],
  ['Beijing', 'CHN', 39.9075, 116.39723],
  ['New Delhi', 'IND', 28.63576, 77.22445],
  ['Islamabad', 'PAK', 33.72148, 73.04329],
  ['Kabul', 'AFG', 34.52813, 69.17233],
  ['Paris', 'FRA', 48.85341, 2.3488],
  ['Berlin', 'DEU', 52.52437, 13.41053],
  ['London', 'GBR', 51.50853, -0.12574],
  ['Abuja', 'NGA', 9.05785, 7.49508],
  ['Addis Ababa', 'ETH', 9.02497, 38.74689],
  ['Nairobi', 'KEN', -1.28333, 36.81667],
  ['Brasília', 'BRA', -15.77972, -47.92972],
  ['Mexico City', 'MEX', 19.42847, -99.12766],
  ['Bogotá', 'COL', 4.60971, -74.08175],
  ['Caracas', 'VEN', 10.48801, -66.87919],
  ['Tokyo', 'JPN', 35.6895, 139.69171],
  ['Seoul', 'KOR', 37.566, 126.9784],
  ['Pyongyang', 'PRK', 39.03385, 125.75432],
  ['Jakarta', 'IDN', -6.21462, 106.84513],
];
const OUTLETS = [
  'AP',
  'Reuters',
  'AFP',
  'Al Jazeera',
  'BBC',
  'Shafaq News',
  'Rudaw',
  'Kurdistan24',
  'The National',
  'Xinhua',
  'TASS',
  'Anadolu',
  'DW',
  'NHK',
  'Yonhap',
  'Premium Times',
];
const ROLES = ['foreign minister', 'prime minister', 'defence minister', 'spokesperson', 'ambassador', 'general'];

/** A small seeded PRNG (mulberry32): the same seed, the same store. */
function random(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SeedOptions {
  /** Coded events to append (4 per article). */
  events: number;
  seed?: number;
  /** Articles per appendMany transaction. */
  batch?: number;
  /** Prefix of article ids, so two seeds can share a store. */
  prefix?: string;
  onProgress?: (articles: number, events: number) => void;
}

export interface SeedResult {
  articles: number;
  events: number;
  byModality: Record<Modality, number>;
}

const EVENTS_PER_ARTICLE = 4;

export async function seedEvents(db: Db, options: SeedOptions): Promise<SeedResult> {
  const next = random(options.seed ?? 20211);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const store = new EventStore(db);
  const articles = Math.ceil(options.events / EVENTS_PER_ARTICLE);
  const batch = options.batch ?? 250;
  const prefix = options.prefix ?? 'seed';
  const byModality: Record<Modality, number> = { asserted: 0, future: 0, hypothetical: 0, negated: 0 };
  const actorOf = (country: string, person: boolean) => {
    if (!person)
      return {
        id: NAMES[country]!.toLowerCase().replace(/\s+/g, '-'),
        name: NAMES[country]!,
        country,
        sector: 'GOV' as const,
      };
    const n = Math.floor(next() * 12);
    const role = ROLES[n % ROLES.length]!;
    return {
      id: `${country.toLowerCase()}-${role.replace(/\s+/g, '-')}-${n}`,
      name: `${NAMES[country]}'s ${role} ${n}`,
      country,
      sector: n % 5 === 0 ? ('MIL' as const) : ('GOV' as const),
    };
  };
  let written = 0;
  for (let start = 0; start < articles; start += batch) {
    const appends: StreamAppend[] = [];
    for (let a = start; a < Math.min(articles, start + batch); a++) {
      const articleId = `${prefix}-${String(a).padStart(7, '0')}`;
      const day = new Date(Date.UTC(2019, 0, 1) + Math.floor(next() * 6 * 365) * 86_400_000).toISOString().slice(0, 10);
      const home = pick(COUNTRIES);
      const sentences: string[] = [];
      const events: CodedEventRecorded[] = [];
      const count = Math.min(EVENTS_PER_ARTICLE, options.events - written - events.length);
      for (let e = 0; e < count; e++) {
        const type: EventType = pick(EVENT_TYPE_NAMES);
        const other = pick(COUNTRIES.filter((c) => c !== home));
        const agent = actorOf(home, next() < 0.5);
        const target = actorOf(other, next() < 0.3);
        const r = next();
        const modality: Modality = r < 0.85 ? 'asserted' : r < 0.9 ? 'future' : r < 0.95 ? 'hypothetical' : 'negated';
        byModality[modality]++;
        const sentence = `${agent.name} and ${target.name}: ${EVENT_TYPES[type].description} (${modality}, report ${a}.${e}).`;
        const offset = sentences.join(' ').length + (sentences.length ? 1 : 0);
        sentences.push(sentence);
        const placed = next();
        const city = pick(CITIES.filter(([, c]) => c === home || c === other));
        const location: EventLocation | undefined =
          placed < 0.6 && city
            ? {
                name: city[0],
                country: city[1],
                lat: city[2],
                lon: city[3],
                precision: 'city',
                placeId: `seed:${city[0]}`,
              }
            : placed < 0.7
              ? { name: NAMES[home]!, country: home, precision: 'country' }
              : undefined;
        const span = Math.floor(next() * 3);
        events.push({
          eventId: `${articleId}-e${e}`,
          articleId,
          coderVersion: 'seed-1',
          type,
          agent: [agent],
          target: type === 'ElectionHeld' ? [] : [target],
          date: {
            start: day,
            end: span ? new Date(Date.parse(day) + span * 86_400_000).toISOString().slice(0, 10) : day,
            precision: span ? 'week' : 'day',
          },
          modality,
          evidence: [{ start: offset, end: offset + sentence.length, text: sentence }],
          confidence: 0.5 + next() / 2,
          cameo: EVENT_TYPES[type].cameo,
          goldstein: EVENT_TYPES[type].goldstein,
          plover: EVENT_TYPES[type].plover,
          ...(location && { location }),
        });
      }
      written += events.length;
      const received = decideArticle(
        {
          type: 'ReceiveArticle',
          article: {
            articleId,
            url: `https://seed.newsledger.example/${articleId}`,
            title: `${NAMES[home]}: ${events.map((e) => e.type).join(', ')} (report ${a})`,
            outlet: pick(OUTLETS),
            publishedAt: day,
            text: sentences.join(' '),
            contentHash: `seed-${articleId}`,
            bodyFormat: 'text',
            via: { kind: 'webhook', webhookId: `seed_${articleId}` },
          },
        },
        foldArticle([]),
      );
      const coded = decideArticle(
        { type: 'RecordCoding', coderVersion: 'seed-1', events },
        foldArticle(received as never),
      );
      appends.push({
        streamId: articleStreamId(articleId),
        events: [...received, ...coded].map((e) => ({ type: e.type, data: e.data })),
        expectedVersion: 0,
      });
    }
    await store.appendMany(appends);
    options.onProgress?.(Math.min(articles, start + batch), written);
  }
  return { articles, events: written, byModality };
}

/** The coding dispatcher's consumer name (apps/worker/src/coding/coding-dispatcher.ts). */
const CODING_DISPATCHER = 'coding-dispatcher';

/**
 * Seeded articles arrive already coded (coder version seed-1): moves the coding
 * dispatcher past the end of the log so the worker does not code them again.
 * Only for a store that holds nothing else waiting to be coded (a fresh one).
 */
export async function markSeedCoded(db: Db): Promise<void> {
  const { rows } = await sql<{ transaction_id: string; global_position: string }>`
    select transaction_id::text as transaction_id, global_position::text as global_position
    from events order by transaction_id desc, global_position desc limit 1`.execute(db);
  const last = rows[0];
  if (!last) return;
  await db.transaction().execute((trx) =>
    overwriteCheckpoint(trx, CODING_DISPATCHER, {
      transactionId: last.transaction_id,
      globalPosition: BigInt(last.global_position),
    }),
  );
}
