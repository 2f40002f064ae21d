// Constructions that find an actor outside the plain subject and object of the
// trigger: the nearest actor of the clause when the subject names none, the
// attacker of "X struck in coordinated attacks", the giver of "received aid from
// X", the attacker and target of "X's assault on Y killed", the attacker of a
// headline's "killed in US attack", and whether a country is a place ("in
// (eastern) Ukraine") or a participant.
import type { Mention } from '../actors/mention.js';
import type { Analysis } from '../sentences/tokens.js';
import {
  beforeVerbGroup,
  headMention,
  isVerb,
  LOCATIVE,
  phraseEndingAt,
  phraseStartingAt,
  PREPOSITIONS,
  previousVerb,
  SentenceView,
  SUBORDINATORS,
} from './phrases.js';
import { subjectAt } from './subject.js';

export const ATTACK_NOUNS = new Set([
  'attack',
  'attacks',
  'strike',
  'strikes',
  'airstrike',
  'airstrikes',
  'raid',
  'raids',
  'bombing',
  'shelling',
  'assault',
  'ambush',
  'operation',
  'fire',
  'barrage',
  'offensive',
  'bombardment',
  'campaign',
]);

/** A country or capital after a locative preposition: "in (eastern) Ukraine", "near the capital Kyiv". */
export function isLocativeMention(a: Analysis, m: Mention): boolean {
  if (m.via !== 'capital' && m.entity.kind !== 'country') return false;
  const toks = a.tokens;
  // "at a US base", "in the Iranian embassy": the state modifies the head noun, which is whose
  // the place is (a city stays a place: "near Baghdad International Airport")
  const next = toks[m.last];
  const modifier =
    next !== undefined && next.sentence === toks[m.first]!.sentence && (next.pos === 'NOUN' || next.pos === 'PROPN');
  if (modifier && m.via !== 'capital' && !m.possessive) return false;
  const first = a.sentences[toks[m.first]!.sentence]!.first;
  let k = m.first - 1;
  for (let n = 0; n < 3 && k > first; n++) {
    const t = toks[k]!;
    if (
      t.pos !== 'ADJ' &&
      t.pos !== 'DET' &&
      !/^(?:northern|southern|eastern|western|central|north|south|east|west|capital|city|region|province)$/.test(
        t.lower,
      )
    )
      break;
    k--;
  }
  return LOCATIVE.has(toks[k]?.lower ?? '');
}

export function nearestLeftActor(v: SentenceView, at: number): Mention[] {
  for (let k = at - 1; k >= v.s.first; k--) {
    const w = v.lower(k);
    if (w === ';' || w === ':' || (SUBORDINATORS.has(w) && w !== 'as')) return [];
    const m = v.at.get(k);
    if (!m || (m.via === 'pronoun' && m.possessive)) continue;
    const before = v.lower(m.first - 1);
    if (PREPOSITIONS.has(before) && before !== 'of') {
      k = m.first;
      continue;
    }
    return [m];
  }
  return [];
}

/** "X struck in coordinated attacks", "X retaliated with airstrikes": the attacks are the verb's subject's. */
export function attackInVerbPhrase(v: SentenceView, noun: number): Mention[] {
  const np = phraseEndingAt(v, noun) ?? { first: noun, last: noun };
  const prep = np.first - 1;
  if (!/^(?:in|with|through)$/.test(v.lower(prep))) return [];
  for (let k = prep - 1; k >= v.s.first && k >= prep - 6; k--) {
    const t = v.tok(k)!;
    if (t.lower === ',' || t.lower === ';') return [];
    if (isVerb(t) && t.pos === 'VERB' && !v.at.has(k)) return subjectAt(v, k);
  }
  return [];
}

/** The preposition heading the phrase a mention is in ("sanctions against [the] Niger"), or ''. */
export function governingPreposition(v: SentenceView, m: Mention): string {
  const p = phraseEndingAt(v, m.last);
  const k = (p ? Math.min(p.first, m.first) : m.first) - 1;
  const w = v.lower(k);
  return PREPOSITIONS.has(w) ? w : '';
}

/** "from X" within a few words after a received thing: the giver. */
export function fromPhrase(v: SentenceView, from: number, ms: Mention[]): Mention[] {
  for (let k = from; k < v.s.last && k < from + 8; k++) {
    if (v.lower(k) !== 'from') continue;
    const p = phraseStartingAt(v, k + 1);
    const h = p && headMention(v, p);
    if (h) return [h];
    const m = ms.find((x) => x.first > k && x.first <= k + 4);
    return m ? [m] : [];
  }
  return [];
}

/** The attack noun heading the subject of a verb ("X's assault on Y killed"): its modifiers and "on" object. */
export function attackNounSubject(v: SentenceView, verb: number): { agent: Mention[]; target: Mention[] } {
  const none = { agent: [], target: [] };
  for (let k = verb - 1; k >= v.s.first && k >= verb - 12; k--) {
    const t = v.tok(k)!;
    if (t.lower === ',' || t.lower === ';' || (isVerb(t) && v.tok(k - 1)?.value !== '-')) return none;
    if (!ATTACK_NOUNS.has(t.lower) || v.at.has(k)) continue;
    const np = phraseEndingAt(v, k);
    const agent = np ? v.within(np.first, k) : [];
    const target: Mention[] = [];
    if (/^(?:on|against)$/.test(v.lower(k + 1))) {
      const p = phraseStartingAt(v, k + 2);
      const h = p && headMention(v, p);
      if (h) target.push(h);
    }
    return { agent: agent.length ? [headMention(v, np!)!] : [], target };
  }
  return none;
}

/** "killed in US attack", "killed in an Israeli strike": the attack's modifier is the agent. */
export function inAttackBy(v: SentenceView, from: number): Mention[] {
  if (!/^(?:in|during|by)$/.test(v.lower(from))) return [];
  const p = phraseStartingAt(v, from + 1);
  if (!p || !ATTACK_NOUNS.has(v.lower(p.last - 1))) return [];
  const h = headMention(v, { first: p.first, last: p.last - 1 });
  return h ? [h] : [];
}

/**
 * Subjects that are forces of nature, illness, accidents or markets: what they "hit",
 * "kill" or "attack" is no political event ("the earthquake killed 20 Iranians",
 * "oil prices rallied", "shares attacked resistance levels").
 */
const NON_AGENT_HEADS = new Set([
  'earthquake',
  'earthquakes',
  'quake',
  'quakes',
  'aftershock',
  'aftershocks',
  'storm',
  'storms',
  'flood',
  'floods',
  'flooding',
  'rain',
  'rains',
  'snow',
  'hurricane',
  'typhoon',
  'cyclone',
  'tornado',
  'tsunami',
  'landslide',
  'landslides',
  'avalanche',
  'wildfire',
  'wildfires',
  'blaze',
  'drought',
  'heatwave',
  'heat',
  'cold',
  'lightning',
  'eruption',
  'volcano',
  'virus',
  'disease',
  'epidemic',
  'pandemic',
  'outbreak',
  'cholera',
  'covid',
  'covid-19',
  'famine',
  'accident',
  'crash',
  'collision',
  'derailment',
  'prices',
  'price',
  'shares',
  'stocks',
  'stock',
  'markets',
  'market',
  'inflation',
  'bonds',
  'yields',
  'currency',
  'index',
  'indexes',
  'indices',
  'futures',
  'rally',
  'sell-off',
  'selloff',
  'recession',
  'rates',
  'dollar',
  'euro',
  'rupee',
  'lira',
  'yen',
  'rouble',
  'ruble',
  'oil',
  'gold',
]);

/** The subject of the verb at `verb` is a phrase with no actor whose head is a natural force, illness or market. */
export function nonAgentSubject(v: SentenceView, verb: number): boolean {
  let k = beforeVerbGroup(v, verb);
  // "the storm hit Cuba and killed four": the first verb's subject
  for (let n = 0; n < 3 && (v.lower(k) === 'and' || v.lower(k) === 'or'); n++) {
    const pv = previousVerb(v, k - 1);
    if (pv < 0) return false;
    k = beforeVerbGroup(v, pv);
  }
  const p = phraseEndingAt(v, k + 1);
  if (!p || v.within(p.first, p.last).length) return false;
  return NON_AGENT_HEADS.has(v.lower(p.last - 1));
}
