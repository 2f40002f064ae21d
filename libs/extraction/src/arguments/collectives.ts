// Actors named by collective phrases rather than names (data/collective-actors.json):
// "world powers", "Western troops", "international donors" are one actor each;
// "the junta", "militants" belong to the country the sentence is about (a
// country named in it, else the story's own); "the two sides", "both
// countries" stand for the last two sides named before them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sector } from '#domain';
import type { Entity, Gazetteer } from '../actors/gazetteer.js';
import type { Mention } from '../actors/mention.js';
import type { Analysis } from '../sentences/tokens.js';

const PROXY = /^(?:backed|supported|sponsored|funded|armed|aligned|allied|trained)$/;

interface ActorRow {
  phrases: string[];
  id: string;
  name: string;
  country: string;
  sector: Sector;
}
export interface Collectives {
  /** Phrase (space-joined lower-case words) -> actor row, or 'pair'. */
  phrases: Map<string, ActorRow | 'pair'>;
  /** First words of the phrases: a scan starts only there. */
  firstWords: Set<string>;
  maxWords: number;
}

export function loadCollectives(dir: string): Collectives {
  const raw = JSON.parse(readFileSync(join(dir, 'collective-actors.json'), 'utf8')) as {
    pairs: string[];
    actors: ActorRow[];
  };
  const phrases = new Map<string, ActorRow | 'pair'>();
  for (const p of raw.pairs) phrases.set(p, 'pair');
  for (const row of raw.actors) for (const p of row.phrases) phrases.set(p, row);
  let maxWords = 1;
  for (const k of phrases.keys()) maxWords = Math.max(maxWords, k.split(' ').length);
  const firstWords = new Set([...phrases.keys()].map((k) => k.split(' ')[0]!));
  return { phrases, firstWords, maxWords };
}

function mention(a: Analysis, first: number, last: number, entity: Entity, sector: Sector): Mention {
  const t = a.tokens;
  const next = t[last];
  const possessive =
    next !== undefined && (next.lower === "'s" || next.lower === "'") && next.start === t[last - 1]!.end;
  return {
    first,
    last,
    start: t[first]!.start,
    end: t[last - 1]!.end,
    nameStart: t[first]!.start,
    entity,
    via: 'head',
    sector,
    possessive,
  };
}

/** The two most recent distinct state-level sides named before token `at` (within three sentences). */
function lastTwoSides(a: Analysis, mentions: Mention[], at: number): Mention[] {
  const out: Mention[] = [];
  const sentence = a.tokens[at]!.sentence;
  for (let i = mentions.length - 1; i >= 0 && out.length < 2; i--) {
    const m = mentions[i]!;
    if (m.first >= at || m.via === 'pronoun') continue;
    if (sentence - a.tokens[m.first]!.sentence > 3) break;
    // a place ("talks in Vienna") is not a side
    if (m.sector === 'CVL' || m.via === 'capital' || /^(?:in|at|near|inside)$/.test(a.tokens[m.first - 1]?.lower ?? ''))
      continue;
    if (!out.some((x) => x.entity.country === m.entity.country)) out.push(m);
  }
  return out.reverse();
}

/** Adds collective mentions to `mentions` (sorted by position), skipping tokens already inside a mention. */
export function addCollectives(
  a: Analysis,
  mentions: Mention[],
  table: Collectives,
  g: Gazetteer,
  baseCountry: string,
): Mention[] {
  const toks = a.tokens;
  const covered = new Uint8Array(toks.length);
  for (const m of mentions) for (let k = m.first; k < m.last; k++) covered[k] = 1;
  const extra: Mention[] = [];
  for (let i = 0; i < toks.length; i++) {
    if (covered[i] || toks[i]!.credit || !table.firstWords.has(toks[i]!.lower)) continue;
    let key = '';
    let best: { last: number; row: ActorRow | 'pair' } | undefined;
    for (let j = i; j < toks.length && j < i + table.maxWords; j++) {
      if (covered[j] || toks[j]!.sentence !== toks[i]!.sentence) break;
      key = key ? `${key} ${toks[j]!.lower}` : toks[j]!.lower;
      const row = table.phrases.get(key);
      if (row) best = { last: j + 1, row };
    }
    if (!best) continue;
    // "U.N. peacekeepers", "Malian junta": the name before already says whose they are
    const before = mentions.find((m) => m.last === i && m.via !== 'pronoun');
    if (before && best.row !== 'pair') {
      // the name and the collective are one actor of the name's, with the collective's role
      before.last = best.last;
      before.end = toks[best.last - 1]!.end;
      before.sector = best.row.sector === 'IGO' ? before.sector : best.row.sector;
      i = best.last - 1;
      continue;
    }
    if (best.row === 'pair') {
      const sides = lastTwoSides(a, mentions, i);
      if (sides.length === 2) for (const s of sides) extra.push(mention(a, i, best.last, s.entity, s.sector));
    } else {
      const row = best.row;
      let country = row.country;
      if (country === '*') {
        // "the junta", "militants": of the country the sentence names, else the story's
        const s = toks[i]!.sentence;
        // "Russia-backed separatists" are not Russia's own: skip a country that backs them
        const backer = (m: Mention): boolean =>
          toks[m.last]?.value === '-' && PROXY.test(toks[m.last + 1]?.lower ?? '');
        const named = mentions.find((m) => m.entity.kind === 'country' && toks[m.first]!.sentence === s && !backer(m));
        country = named?.entity.country ?? baseCountry;
      }
      // no country named anywhere: the group is nobody's ("militants", not "-militants")
      const adj = country === 'IGO' || !country ? '' : `${g.demonyms.get(country) ?? country.toLowerCase()}-`;
      const id = row.country === '*' ? `${adj}${row.id}` : row.id;
      extra.push(
        mention(a, i, best.last, { id, name: row.name, country, sector: row.sector, kind: 'org' }, row.sector),
      );
    }
    i = best.last - 1;
  }
  if (extra.length === 0) return mentions;
  return [...mentions, ...extra].sort((x, y) => x.first - y.first || x.last - y.last);
}
