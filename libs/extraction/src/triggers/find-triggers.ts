// Trigger words: our lexicon (by lemma) and the converted CAMEO verb patterns,
// each gated by the argument frame its rule states; sentences (or whole stories)
// Phoenix's discard list marks as sports, entertainment or disasters give none.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventType } from '#domain';
import { dictionaryDir } from '../actors/dictionary.js';
import { dataDir } from '../actors/gazetteer.js';
import type { Analysis, Token } from '../sentences/tokens.js';
import { cameoAt, loadCameoIndex, type CameoIndex } from './cameo-rules.js';
import {
  buildDiscardIndex,
  discardAt,
  SENTENCE_DISCARD,
  STORY_DISCARD,
  type DiscardIndex,
  type DiscardTable,
} from './discards.js';
import { frameHolds, type FrameContext } from './frames.js';
import { LEXICON, SANCTION_COMPOUNDS, type TriggerRule } from './lexicon.js';

export interface TriggerHit {
  type: EventType;
  rule: TriggerRule;
  /** Token range of the trigger words. */
  first: number;
  last: number;
  /** Token index of the head word (the first word). */
  head: number;
  sentence: number;
}

export interface TriggerIndex {
  byWord: Map<string, TriggerRule[]>;
  /** The converted CAMEO verb patterns, when data/dictionaries/ is there. */
  cameo?: CameoIndex;
  discards?: DiscardIndex;
  /** Words naming armed groups and weapons, for frames that need an armed subject. */
  armed: Set<string>;
}

/** Agent nouns of armed sectors and the CAMEO weapon and force synonyms: "troops", "militants", "rocket", "jets". */
function armedWords(dir: string): Set<string> {
  const out = new Set([
    'troops',
    'forces',
    'army',
    'military',
    'militants',
    'rebels',
    'fighters',
    'gunmen',
    'militia',
    'militias',
  ]);
  const agents = join(dir, 'agents.json');
  if (existsSync(agents)) {
    for (const [phrase, sector] of JSON.parse(readFileSync(agents, 'utf8')) as Array<[string, string]>) {
      if (!phrase.includes(' ') && (sector === 'MIL' || sector === 'REB')) out.add(phrase);
    }
  }
  const triggers = join(dir, 'triggers.json');
  if (existsSync(triggers)) {
    const synsets = (JSON.parse(readFileSync(triggers, 'utf8')) as { synsets: Record<string, string[]> }).synsets;
    for (const name of ['&WEAPON', '&AIRCRAFT', '&MILITARY'])
      for (const w of synsets[name] ?? []) if (!w.includes(' ')) out.add(w);
  }
  return out;
}

export interface TriggerOptions {
  /** The converted dictionaries' folder (default: the library's data/dictionaries). */
  dir?: string;
  /** Add the CAMEO verb patterns to our lexicon (default true). */
  cameo?: boolean;
}

/** Our lexicon, plus the converted dictionaries: CAMEO verb patterns, discards, armed nouns. */
export function buildTriggerIndex(rules: readonly TriggerRule[] = LEXICON, options: TriggerOptions = {}): TriggerIndex {
  const dir = options.dir ?? dictionaryDir(dataDir());
  const byWord = new Map<string, TriggerRule[]>();
  for (const r of rules) {
    const k = r.words[0]!;
    const list = byWord.get(k) ?? [];
    list.push(r);
    byWord.set(k, list);
  }
  const cameo = options.cameo === false ? undefined : loadCameoIndex(dir);
  const discardsPath = join(dir, 'discards.json');
  const discards = existsSync(discardsPath)
    ? buildDiscardIndex(JSON.parse(readFileSync(discardsPath, 'utf8')) as DiscardTable)
    : undefined;
  return { byWord, cameo, discards, armed: armedWords(dir) };
}

function wordMatches(t: Token, w: string): boolean {
  return w.startsWith('=') ? t.lower === w.slice(1) : t.lemma === w || t.lower === w;
}

function posOk(t: Token, pos: TriggerRule['pos']): boolean {
  if (!pos) return true;
  // wink's tagger errs on headlines ("PM demands Iran"), so the check is loose.
  if (pos === 'VERB') return t.pos === 'VERB' || t.pos === 'AUX' || (/(?:ed|ing|s)$/.test(t.lower) && t.pos !== 'ADJ');
  return t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'X';
}

/** "three designated ports", "the surrounded town": a participle between determiner and noun is an adjective. */
function prenominal(toks: Token[], i: number): boolean {
  const t = toks[i]!;
  const prev = toks[i - 1];
  const next = toks[i + 1];
  return (
    /ed$/.test(t.lower) &&
    prev !== undefined &&
    next !== undefined &&
    prev.sentence === t.sentence &&
    next.sentence === t.sentence &&
    /^(?:DET|NUM|ADJ)$/.test(prev.pos) &&
    next.pos === 'NOUN'
  );
}

function nearOk(a: Analysis, r: TriggerRule, first: number, last: number): boolean {
  const near = r.near;
  if (!near) return true;
  const toks = a.tokens;
  const s = toks[first]!.sentence;
  const side = near.side ?? 'after';
  const check = (k: number): boolean => {
    const t = toks[k];
    return t !== undefined && t.sentence === s && near.words.some((w) => wordMatches(t, w));
  };
  if (side !== 'before') for (let k = last; k < last + near.window; k++) if (check(k)) return true;
  if (side !== 'after') for (let k = first - 1; k >= first - near.window && k >= 0; k--) if (check(k)) return true;
  return false;
}

/**
 * Sentences the discard list marks (sports, entertainment, disasters); all of them
 * when a story phrase occurs or a third of the sentences (at least two) are marked.
 */
function discarded(a: Analysis, ix: DiscardIndex | undefined): Uint8Array | undefined {
  if (!ix) return undefined;
  const marks = new Uint8Array(a.sentences.length);
  const toks = a.tokens;
  let n = 0;
  for (let i = 0; i < toks.length; i++) {
    const d = discardAt(ix, toks, i);
    if (d === STORY_DISCARD) return marks.fill(1);
    const s = toks[i]!.sentence;
    if (d === SENTENCE_DISCARD && !marks[s]) {
      marks[s] = 1;
      n++;
    }
  }
  if (n >= 2 && n * 3 >= a.sentences.length) marks.fill(1);
  return n ? marks : undefined;
}

/** Trigger words outside actor names (`covered`), one hit per type and head word. */
export function findTriggers(a: Analysis, ix: TriggerIndex, covered: Uint8Array): TriggerHit[] {
  const toks = a.tokens;
  const out: TriggerHit[] = [];
  const skip = discarded(a, ix.discards);
  const fx: FrameContext = { a, covered, armed: ix.armed };
  for (let i = 0; i < toks.length; i++) {
    if (covered[i]) continue;
    const t = toks[i]!;
    if (t.credit || (skip && skip[t.sentence])) continue;
    const byForm = ix.byWord.get('=' + t.lower);
    const byLemma = ix.byWord.get(t.lemma);
    const byLower = t.lemma !== t.lower ? ix.byWord.get(t.lower) : undefined;
    if (byForm || byLemma || byLower) {
      const rules = [...(byForm ?? []), ...(byLemma ?? []), ...(byLower ?? [])];
      for (const r of rules) {
        if (!posOk(t, r.pos) || (r.pos === 'VERB' && prenominal(toks, i))) continue;
        // the rest of the words, each within `gap` tokens of the previous one
        let k = i;
        let ok = true;
        for (let w = 1; w < r.words.length && ok; w++) {
          ok = false;
          for (let g = 1; g <= (r.gap ?? 0) + 1; g++) {
            const n = toks[k + g];
            if (!n || n.sentence !== t.sentence) break;
            if (wordMatches(n, r.words[w]!)) {
              k = k + g;
              ok = true;
              break;
            }
          }
        }
        if (!ok || !nearOk(a, r, i, k + 1)) continue;
        if (r.notBefore) {
          const n1 = toks[k + 1];
          const n2 = toks[k + 2];
          if ((n1 && r.notBefore.includes(n1.lower)) || (n2 && r.notBefore.includes(n2.lower))) continue;
        }
        if (!frameHolds(r.frame, fx, i, k + 1)) continue;
        if (out.some((h) => h.head === i && h.type === r.type)) continue;
        out.push({ type: r.type, rule: r, first: i, last: k + 1, head: i, sentence: t.sentence });
      }
    }
  }
  if (ix.cameo) {
    // after our lexicon, so a pattern can see the nouns our lexicon found after its verb
    let lexicon = out.length;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i]!;
      if (covered[i] || t.credit || t.pos !== 'VERB' || (skip && skip[t.sentence])) continue;
      lexicon = addCameo(a, ix.cameo, i, out, lexicon, fx);
    }
  }
  return out;
}

const DENIALS = new Set(['deny', 'reject', 'refuse', 'dismiss']);

/** A waiver, relief or exemption noun right after the sanctions word of a pattern (or its object). */
function easesSanctions(a: Analysis, from: number, end: number): boolean {
  const toks = a.tokens;
  const s = toks[from - 1]!.sentence;
  for (let k = from; k < Math.max(end, from + 4) + 1 && k < toks.length && toks[k]!.sentence === s; k++) {
    if (SANCTION_COMPOUNDS.includes(toks[k]!.lower) && /^sanction/.test(toks[k - 1]!.lower)) return true;
  }
  return false;
}

/**
 * The CAMEO reading of a verb: a specific pattern of a family we take from CAMEO
 * decides the meaning of the verb and its object (replacing our lexicon's bare
 * readings of them); a verb's default only adds where our lexicon has nothing.
 */
/** Returns how many of `out`'s first hits are still our lexicon's. */
function addCameo(
  a: Analysis,
  ix: CameoIndex,
  i: number,
  out: TriggerHit[],
  lexicon: number,
  fx: FrameContext,
): number {
  const c = cameoAt(a, ix, i);
  if (!c) return lexicon;
  // "extended a sanctions waiver": the noun after "sanctions" eases them, the verb imposes nothing
  if (c.type === 'SanctionsImposed' && easesSanctions(a, c.last, c.end)) return lexicon;
  const sentence = a.tokens[i]!.sentence;
  const ours = (h: TriggerHit, k: number): boolean => k < lexicon && h.head === i;
  if (c.specific) {
    // a bare word of ours on the verb or inside the pattern gives way to it ("suspended
    // military aid" is no aid); a rule of ours with its own context stands
    for (let k = lexicon - 1; k >= 0; k--) {
      const h = out[k]!;
      // only a meaning of the families we take from CAMEO rules the verb and its object;
      // CAMEO's meanings outside the catalog are too loose to overrule ours ("deployed troops" is 062 there)
      const span =
        c.rule !== undefined && (h.head === i || (h.head >= c.last && h.head < c.end && h.sentence === sentence));
      // "denied attacking the tanker": a denied act stays an event (negated by its governor), beside the denial
      const deniedAct = DENIALS.has(a.tokens[i]!.lemma) && h.head > i && /ing$/.test(a.tokens[h.head]!.lower);
      if (k < lexicon && span && h.type !== c.type && !h.rule.near && h.rule.words.length === 1 && !deniedAct) {
        out.splice(k, 1);
        lexicon--;
      }
    }
  } else if (out.some(ours)) return lexicon;
  if (!c.type || !c.rule) return lexicon;
  // "launched attacks", "imposed sanctions": our lexicon's noun is the event; the verb only carries it
  if (
    out.some(
      (h) =>
        h.type === c.type && h.sentence === sentence && h.head >= c.first - 3 && h.head < Math.max(c.end, c.last + 3),
    )
  )
    return lexicon;
  if (frameHolds(c.rule.frame, fx, c.first, c.last))
    out.push({ type: c.type, rule: c.rule, first: c.first, last: c.last, head: i, sentence });
  return lexicon;
}
