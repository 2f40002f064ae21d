// The converted CAMEO verb patterns (data/dictionaries/triggers.json) as trigger
// rules. A verb of a block matches; the block's most specific pattern that fits
// the words around it gives the code, else the verb's own code. A pattern with a
// code outside the catalog is still the verb's meaning there: it yields no event
// and outranks the hand lexicon at that word ("withdrew from the accord").
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventType } from '#domain';
import type { Analysis, Token } from '../sentences/tokens.js';
import type { Frame } from './frames.js';
import type { TriggerRule } from './lexicon.js';

type VerbRow = [string, string[], string[], string[], string, EventType | null];
type PatternRow = [string, EventType | null, string[], string[]];
interface TriggerFile {
  synsets: Record<string, string[]>;
  blocks: Array<{ name: string; verbs: VerbRow[]; patterns: PatternRow[] }>;
}

/** One element of a pattern: the word sequences it accepts, indexed by their first word. */
interface Element {
  byFirst: Map<string, string[][]>;
  /** A preposition or particle ("to", "off"): it may follow other words of the clause. */
  isFunction: boolean;
}

interface Pattern {
  /** The last cameoAt call that tried this pattern. */
  stamp: number;
  code: string;
  type: EventType | undefined;
  before: Element[];
  after: Element[];
  rule: TriggerRule | undefined;
}

interface Verb {
  pre: string[];
  post: string[];
  type: EventType | undefined;
  code: string;
  block: number;
  rule: TriggerRule | undefined;
}

export interface CameoIndex {
  byLemma: Map<string, Verb[]>;
  byForm: Map<string, Verb[]>;
  /** Per block: patterns by a first word of their first after-element, and those with none after the verb. */
  blocks: Array<{ byAfter: Map<string, Pattern[]>; beforeOnly: Pattern[]; beforeWords: Set<string> }>;
}

export interface CameoHit {
  /** The catalog type, or undefined when the matched meaning is outside the catalog. */
  type: EventType | undefined;
  code: string;
  rule: TriggerRule | undefined;
  first: number;
  last: number;
  head: number;
  /** A pattern fitted the words around the verb (not just the verb's default). */
  specific: boolean;
  /** One past the last token of the pattern (the verb's own end for a default). */
  end: number;
}

const WINDOW = 4;
const STEP = 4;
const CLAUSE_STOP = new Set([
  ',',
  ';',
  ':',
  '.',
  '(',
  ')',
  '"',
  '—',
  '–',
  'that',
  'which',
  'who',
  'but',
  'while',
  'because',
]);

/** Elements by their spec: a synonym set is expanded once, however many patterns use it. */
const elementCache = new WeakMap<Record<string, string[]>, Map<string, Element>>();

function element(spec: string, synsets: Record<string, string[]>): Element {
  let cache = elementCache.get(synsets);
  if (!cache) elementCache.set(synsets, (cache = new Map()));
  let e = cache.get(spec);
  if (!e) cache.set(spec, (e = buildElement(spec, synsets)));
  return e;
}

function buildElement(spec: string, synsets: Record<string, string[]>): Element {
  const phrases = spec.startsWith('&') ? (synsets[spec] ?? []) : [spec];
  const byFirst = new Map<string, string[][]>();
  for (const p of phrases) {
    const words = p.split(' ').filter(Boolean);
    if (!words.length) continue;
    const list = byFirst.get(words[0]!) ?? [];
    list.push(words);
    byFirst.set(words[0]!, list);
  }
  return { byFirst, isFunction: !spec.startsWith('&') && FUNCTION_WORDS.has(spec) };
}

/**
 * The rule and frame for a code. A pattern names its object, so an actor in the
 * sentence is enough; a bare verb needs more (VERB_FRAME, ROOT_FRAME); the root
 * appeal and consult categories (020 hope/advise, 040 go/leave/face) are too
 * vague for a bare verb to be an event.
 */
function ruleFor(type: EventType | null, lemma: string, specific: boolean, code: string): TriggerRule | undefined {
  if (!type || !CAMEO_FAMILIES.has(type)) return undefined;
  if (!specific && type === 'VisitMade') return undefined; // "attend", "come": a trip only with its destination
  if (specific) return { type, words: [lemma], pos: 'VERB', frame: [['actorInSentence']], source: 'cameo' };
  if (code === '020' || code === '040') return undefined;
  const root = /^\d\d0$/.test(code);
  return { type, words: [lemma], pos: 'VERB', frame: root ? ROOT_FRAME : VERB_FRAME, source: 'cameo' };
}

/** A verb of a specific code needs its subject (or a passive's agent). */
const VERB_FRAME: Frame = [['subject'], ['passiveBy']];
/**
 * A verb of a root category ("190 use force": hit, break, engage) needs both sides
 * (the other as its object or after "at", "on", "against": "fired missiles at"), or an armed subject ("forces shelled", "a rocket hit").
 * Not an infinitive: CAMEO's 120 "fail" would make "failed to meet" a refusal.
 */
const ROOT_FRAME: Frame = [
  ['subject', 'object'],
  ['subject', 'prep:at,on,against,into,toward,towards'],
  ['armedSubject'],
  ['passiveBy'],
];

/**
 * The types the verb patterns add triggers for: the verb-led families (attacks with
 * weapons, threats, criticism, cutting supplies, travel, demonstrations, refusals).
 * For the others our lexicon's nouns ("talks", "deal", "aid", "waiver") are the
 * triggers, and CAMEO's wider verbs ("need", "seek", "hold") were noise there.
 */
const CAMEO_FAMILIES = new Set<EventType>([
  'AttackCarriedOut',
  'ThreatIssued',
  'AccusationMade',
  'SanctionsImposed',
  'VisitMade',
  'ProtestHeld',
  'RejectionIssued',
]);

/** Words that say nothing about what happened on their own: a pattern of only these ("* (FOR)") is not specific. */
const FUNCTION_WORDS = new Set(
  'for to from with in on at by of off out up down away back into onto over under about against toward towards through across around along outside inside the a an as it its their his her'.split(
    ' ',
  ),
);

export function loadCameoIndex(dir: string): CameoIndex | undefined {
  const path = join(dir, 'triggers.json');
  if (!existsSync(path)) return undefined;
  const file = JSON.parse(readFileSync(path, 'utf8')) as TriggerFile;
  const byLemma = new Map<string, Verb[]>();
  const byForm = new Map<string, Verb[]>();
  const blocks: CameoIndex['blocks'] = [];
  file.blocks.forEach((b, bi) => {
    const byAfter = new Map<string, Pattern[]>();
    const beforeOnly: Pattern[] = [];
    for (const [code, type, before, after] of b.patterns) {
      if (![...before, ...after].some((e) => e.startsWith('&') || !FUNCTION_WORDS.has(e))) continue;
      const p: Pattern = {
        stamp: 0,
        code,
        type: type ?? undefined,
        before: before.map((e) => element(e, file.synsets)),
        after: after.map((e) => element(e, file.synsets)),
        rule: ruleFor(type, b.name, true, code),
      };
      if (p.after.length === 0) {
        // a subject alone decides only when it is a kind of actor ("&MILITARY *"), not "TENSIONS *"
        if (before.some((e) => e.startsWith('&'))) beforeOnly.push(p);
        continue;
      }
      for (const w of p.after[0]!.byFirst.keys()) {
        const list = byAfter.get(w) ?? [];
        list.push(p);
        byAfter.set(w, list);
      }
    }
    // the words subject patterns may contain: a quick test before trying them one by one
    const beforeWords = new Set<string>();
    for (const p of beforeOnly)
      for (const e of p.before)
        for (const list of e.byFirst.values()) for (const ws of list) for (const w of ws) beforeWords.add(w);
    blocks.push({ byAfter, beforeOnly, beforeWords });
    // a block that can add no trigger of ours (no pattern or verb of a family we take) is not indexed
    const useful = [...byAfter.values()].some((ps) => ps.some((p) => p.rule)) || beforeOnly.some((p) => p.rule);
    for (const [lemma, forms, pre, post, code, type] of b.verbs) {
      // verbs of saying (01x) attribute what was said; what was said is the event (016, denying, is one)
      if (code.startsWith('01') && code !== '016') continue;
      const v: Verb = { pre, post, code, type: type ?? undefined, block: bi, rule: ruleFor(type, lemma, false, code) };
      if (!useful && !v.rule) continue;
      const add = (m: Map<string, Verb[]>, k: string): void => {
        const list = m.get(k) ?? [];
        list.push(v);
        m.set(k, list);
      };
      add(byLemma, lemma);
      for (const f of forms) add(byForm, f);
    }
  });
  return { byLemma, byForm, blocks };
}

const wordIs = (t: Token | undefined, w: string): boolean => t !== undefined && (t.lower === w || t.lemma === w);

/** Does the element match at token k? Returns one past its last token. */
function matchAt(a: Analysis, el: Element, k: number): number | undefined {
  const toks = a.tokens;
  const t = toks[k];
  if (!t) return undefined;
  const cands = [el.byFirst.get(t.lower), t.lemma !== t.lower ? el.byFirst.get(t.lemma) : undefined];
  for (const list of cands) {
    if (!list) continue;
    for (const words of list) {
      let ok = true;
      for (let i = 1; i < words.length && ok; i++)
        ok = wordIs(toks[k + i], words[i]!) && toks[k + i]!.sentence === t.sentence;
      if (ok) return k + words.length;
    }
  }
  return undefined;
}

/** A preposition opening another phrase ("involvement in the rocket attack"); "at least", "more than" are quantities. */
function opensPhrase(a: Analysis, k: number): boolean {
  const t = a.tokens[k]!;
  if (t.pos !== 'ADP') return false;
  if (t.lower === 'than' || t.lower === 'of') return false;
  const next = a.tokens[k + 1]?.lower;
  return !((t.lower === 'at' && (next === 'least' || next === 'most')) || (t.lower === 'up' && next === 'to'));
}

/**
 * The elements in order after `from`, each within STEP tokens of the previous,
 * inside the clause; a first element that is a noun must be the verb's own
 * object, not a noun inside a later phrase.
 */
function matchAfter(a: Analysis, els: Element[], from: number, end: number): number | undefined {
  let at = from;
  for (let e = 0; e < els.length; e++) {
    const limit = Math.min(end, at + (e === 0 ? WINDOW : STEP));
    const noun = e === 0 && !els[0]!.isFunction;
    let found: number | undefined;
    for (let k = at; k < limit; k++) {
      if (CLAUSE_STOP.has(a.tokens[k]!.lower)) break;
      found = matchAt(a, els[e]!, k);
      if (found !== undefined) break;
      if (noun && opensPhrase(a, k)) break;
    }
    if (found === undefined) return undefined;
    at = found;
  }
  return at;
}

/** The elements in order before `to` (the subject's head within a few words of the verb). */
function matchBefore(a: Analysis, els: Element[], to: number, start: number): boolean {
  let at = to;
  for (let e = els.length - 1; e >= 0; e--) {
    let ok = false;
    for (let k = at - 1; k >= Math.max(start, at - STEP - 1); k--) {
      if (CLAUSE_STOP.has(a.tokens[k]!.lower)) return false;
      const end = matchAt(a, els[e]!, k);
      if (end !== undefined && end <= at) {
        at = k;
        ok = true;
        break;
      }
    }
    if (!ok) return false;
  }
  return true;
}

/** Patterns already tried for the current verb (a stamp per pattern avoids a set per call). */
let stamp = 0;

/** The CAMEO reading of the verb at token i, if it is one of the dictionary's verbs. */
export function cameoAt(a: Analysis, ix: CameoIndex, i: number): CameoHit | undefined {
  const toks = a.tokens;
  const t = toks[i]!;
  const verbs =
    ix.byForm.get(t.lower) ?? ix.byLemma.get(t.lemma) ?? (t.lemma !== t.lower ? ix.byLemma.get(t.lower) : undefined);
  if (!verbs) return undefined;
  const sent = a.sentences[t.sentence]!;
  const sEnd = sent.last;
  const sStart = sent.first;
  for (const v of verbs) {
    // particles and words of a multi-word verb ("pull out", "blow up")
    let last = i + 1;
    let ok = true;
    for (const w of v.post) {
      let found = -1;
      for (let k = last; k < Math.min(sEnd, last + 3); k++) {
        if (wordIs(toks[k], w)) {
          found = k;
          break;
        }
      }
      if (found < 0) {
        ok = false;
        break;
      }
      last = found + 1;
    }
    for (let p = 0; ok && p < v.pre.length; p++) ok = wordIs(toks[i - v.pre.length + p], v.pre[p]!);
    if (!ok) continue;
    const block = ix.blocks[v.block]!;
    let best: Pattern | undefined;
    let bestEnd = last;
    let bestSize = 0;
    const verbStart = i - v.pre.length;
    stamp++;
    const tryList = (list: Pattern[] | undefined): void => {
      if (!list) return;
      for (const p of list) {
        if (p.stamp === stamp) continue;
        p.stamp = stamp;
        const size = p.before.length + p.after.length;
        if (size <= bestSize) continue;
        const end = matchAfter(a, p.after, last, sEnd);
        if (end === undefined || (p.before.length && !matchBefore(a, p.before, verbStart, sStart))) continue;
        best = p;
        bestEnd = end;
        bestSize = size;
      }
    };
    for (let k = last; k < Math.min(sEnd, last + WINDOW); k++) {
      const w = toks[k]!;
      if (CLAUSE_STOP.has(w.lower)) break;
      tryList(block.byAfter.get(w.lower));
      if (w.lemma !== w.lower) tryList(block.byAfter.get(w.lemma));
    }
    if (block.beforeOnly.length && hasBeforeWord(a, block.beforeWords, verbStart, sStart)) {
      for (const p of block.beforeOnly) {
        if (p.before.length <= bestSize || !matchBefore(a, p.before, verbStart, sStart)) continue;
        best = p;
        bestEnd = last;
        bestSize = p.before.length;
      }
    }
    const found = best as Pattern | undefined;
    if (found)
      return {
        type: found.type,
        code: found.code,
        rule: found.rule,
        first: i,
        last,
        head: i,
        specific: true,
        end: bestEnd,
      };
    return { type: v.type, code: v.code, rule: v.rule, first: i, last, head: i, specific: false, end: last };
  }
  return undefined;
}

/** Is any word a subject pattern of the block starts with among the few words before the verb? */
function hasBeforeWord(a: Analysis, words: Set<string>, to: number, start: number): boolean {
  for (let k = to - 1; k >= Math.max(start, to - STEP - 1); k--) {
    const t = a.tokens[k]!;
    if (words.has(t.lower) || words.has(t.lemma)) return true;
  }
  return false;
}
