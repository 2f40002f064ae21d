// Shallow syntax without a parser: noun-phrase chunks, verb groups and clause
// edges from wink's POS tags, so the subject and object of a verb can be found
// by shape ("X said Y did Z", "militias that attacked", "X, the minister, said").
// Everything works on one sentence's token range and stays linear in it.
import type { Mention } from '../actors/mention.js';
import type { Analysis, Sentence, Token } from '../sentences/tokens.js';

export const PREPOSITIONS = new Set([
  'of',
  'in',
  'to',
  'from',
  'with',
  'at',
  'against',
  'on',
  'for',
  'by',
  'into',
  'near',
  'inside',
  'over',
  'about',
  'between',
  'under',
  'than',
  'toward',
  'towards',
  'like',
  'through',
  'across',
  'during',
  'after',
  'before',
  'since',
  'outside',
  'throughout',
  'amid',
  'among',
  'despite',
  'without',
  'within',
  'along',
  'around',
  'upon',
  'via',
  'off',
]);
export const LOCATIVE = new Set([
  'in',
  'near',
  'inside',
  'at',
  'across',
  'throughout',
  'outside',
  'around',
  'within',
  'along',
]);
/** Words that open a subordinate clause: the clause's subject is inside it. */
export const SUBORDINATORS = new Set([
  'that',
  'after',
  'before',
  'when',
  'while',
  'because',
  'since',
  'although',
  'though',
  'if',
  'unless',
  'as',
  'until',
  'whereas',
  'whether',
  'once',
  'where',
]);
export const RELATIVE_PRONOUNS = new Set(['who', 'which', 'that', 'whom']);
/** Time nouns: an NP made of them is an adverbial ("last week", "on Sunday"), never a subject. */
const TIME_WORDS = new Set([
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'week',
  'weeks',
  'month',
  'months',
  'year',
  'years',
  'day',
  'days',
  'night',
  'nights',
  'morning',
  'afternoon',
  'evening',
  'weekend',
  'today',
  'yesterday',
  'tonight',
  'time',
  'hours',
  'hour',
  'minutes',
  'decade',
  'decades',
  'row',
  'earlier',
  'later',
  'ago',
  'spring',
  'summer',
  'autumn',
  'fall',
  'winter',
  'meanwhile',
  'however',
  'also',
  'then',
  'now',
]);
/** "X-backed Y" is Y: the proxy acts. "X-led Y" keeps X: the leader acts. */
export const PROXY_SUFFIXES = new Set([
  'backed',
  'supported',
  'allied',
  'aligned',
  'sponsored',
  'funded',
  'armed',
  'trained',
  'linked',
  'affiliated',
  'leaning',
  'friendly',
  'loyal',
  'based',
  'born',
  'controlled',
  'held',
  'occupied',
  'run',
  'installed',
  'appointed',
]);
const VERB_GROUP = new Set([
  'be',
  'is',
  'was',
  'were',
  'are',
  'been',
  'being',
  'am',
  'has',
  'have',
  'had',
  'having',
  'will',
  'would',
  'shall',
  'should',
  'can',
  'could',
  'may',
  'might',
  'must',
  'do',
  'does',
  'did',
  'not',
  "n't",
  'never',
  'to',
  'also',
  'reportedly',
  'allegedly',
  'already',
  'again',
  'then',
  'just',
  'still',
  'jointly',
  'later',
  'repeatedly',
  'recently',
  'once',
  'formally',
  'officially',
  'publicly',
  'reportedly',
  'get',
  'got',
  'gets',
  'ought',
]);

export function isVerb(t: Token | undefined): boolean {
  return t !== undefined && (t.pos === 'VERB' || t.pos === 'AUX');
}

/** Mentions of one sentence indexed by token, for O(1) lookups while scanning. */
export class SentenceView {
  readonly at = new Map<number, Mention>();
  constructor(
    readonly a: Analysis,
    readonly s: Sentence,
    readonly mentions: Mention[],
  ) {
    for (const m of mentions) for (let k = m.first; k < m.last; k++) if (!this.at.has(k)) this.at.set(k, m);
  }
  tok(k: number): Token | undefined {
    return k >= this.s.first && k < this.s.last ? this.a.tokens[k] : undefined;
  }
  lower(k: number): string {
    return this.tok(k)?.lower ?? '';
  }
  /** Mentions whose tokens lie in [from, to). */
  within(from: number, to: number): Mention[] {
    return this.mentions.filter((m) => m.first >= from && m.last <= to);
  }
}

/** A token that can sit inside a noun phrase. */
function npToken(v: SentenceView, k: number): boolean {
  if (v.at.has(k)) return true;
  const t = v.tok(k);
  if (!t) return false;
  if (t.value === '-' || t.lower === "'s" || t.lower === "'" || t.lower === '&') return true;
  // "missile and drone assault": coordinated modifiers inside one phrase (never between names)
  if ((t.lower === 'and' || t.lower === 'or') && !v.at.has(k - 1) && !v.at.has(k + 1)) {
    const p = v.tok(k - 1);
    const n = v.tok(k + 1);
    return (
      p !== undefined &&
      n !== undefined &&
      /^(?:NOUN|ADJ)$/.test(p.pos) &&
      /^(?:NOUN|ADJ)$/.test(n.pos) &&
      /^(?:NOUN|ADJ)$/.test(v.tok(k + 2)?.pos ?? '')
    );
  }
  if (t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'ADJ' || t.pos === 'NUM' || t.pos === 'DET')
    return !RELATIVE_PRONOUNS.has(t.lower);
  // "Iran-backed", "U.S.-led": a participle glued to a hyphen belongs to the phrase
  if (isVerb(t) && v.tok(k - 1)?.value === '-') return true;
  if (t.pos === 'PRON' && /^(?:its|his|her|their|our)$/.test(t.lower)) return true;
  return false;
}

export interface Phrase {
  first: number;
  /** One past the last token. */
  last: number;
}

/** The noun phrase ending right before `end` (exclusive), or undefined if none ends there. */
export function phraseEndingAt(v: SentenceView, end: number): Phrase | undefined {
  let k = end - 1;
  if (!npToken(v, k)) return undefined;
  while (k - 1 >= v.s.first && npToken(v, k - 1)) {
    const t = v.tok(k - 1)!;
    // a determiner opens the phrase: stop after taking it
    k--;
    if (t.pos === 'DET' && !v.at.has(k)) break;
  }
  return { first: k, last: end };
}

/** The noun phrase starting at `start`, with "more than", "at least" and numbers allowed in front. */
export function phraseStartingAt(v: SentenceView, start: number): Phrase | undefined {
  let k = start;
  while (/^(?:more|less|fewer|than|at|least|about|some|around|over|nearly|almost)$/.test(v.lower(k)) && k < start + 3)
    k++;
  if (!npToken(v, k)) return undefined;
  while (k < v.s.last && npToken(v, k)) {
    // a second determiner starts a new phrase ("Iran the militias")
    if (k > start && v.tok(k)!.pos === 'DET' && !v.at.has(k) && v.lower(k - 1) !== 'of') break;
    k++;
  }
  return { first: start, last: k };
}

/** A phrase of time words only ("last week", "Sunday", "three days"): an adverbial. */
export function isTimePhrase(v: SentenceView, p: Phrase): boolean {
  let content = 0;
  for (let k = p.first; k < p.last; k++) {
    const t = v.tok(k)!;
    if (v.at.has(k)) return false;
    if (t.pos === 'DET' || t.pos === 'NUM' || t.pos === 'ADJ' || t.value === '-') continue;
    if (!TIME_WORDS.has(t.lower)) return false;
    content++;
  }
  return content > 0 || (p.last - p.first > 0 && /^\d/.test(v.tok(p.last - 1)!.value));
}

/**
 * The actor a phrase stands for: a person in it, else "X-backed Y" -> Y, else its
 * last mention (the head: "Iraq's Popular Mobilization Forces" is the PMF).
 * A possessive pronoun ("its troops") is never the head.
 */
export function headMention(v: SentenceView, p: Phrase, possessivePronoun = false): Mention | undefined {
  const all = v.within(p.first, p.last);
  const ms = all.filter(
    (m) => !(m.via === 'pronoun' && m.last < p.last && /^(?:its|his|her|their)$/.test(v.lower(m.first))),
  );
  // "its troops withdrew": as a subject, the owner of the troops acts
  if (ms.length === 0) return possessivePronoun ? all[0] : undefined;
  const people = ms.filter((m) => m.entity.kind === 'person');
  if (people.length) return people[people.length - 1];
  // "Iran-backed militias": the mention after a proxy suffix wins over X
  const last = ms[ms.length - 1]!;
  if (v.lower(last.last) === '-' && PROXY_SUFFIXES.has(v.lower(last.last + 1)))
    return ms.length > 1 ? ms[ms.length - 2] : undefined;
  return last;
}

/** "X-backed Y" where Y is no known actor: the phrase names a proxy, not X. */
export function proxyPhrase(v: SentenceView, p: Phrase): boolean {
  for (let k = p.first; k < p.last - 2; k++)
    if (v.lower(k) === '-' && PROXY_SUFFIXES.has(v.lower(k + 1)) && v.at.has(k - 1)) return true;
  return false;
}

/**
 * Walks left from `at` over the words of a verb group (auxiliaries, negation,
 * adverbs, "to"); returns the index of the first token before it.
 */
export function beforeVerbGroup(v: SentenceView, at: number): number {
  let k = at - 1;
  while (k >= v.s.first) {
    const t = v.tok(k)!;
    if (VERB_GROUP.has(t.lower) || t.pos === 'AUX' || (t.pos === 'ADV' && !v.at.has(k)) || t.pos === 'PART') k--;
    else break;
  }
  return k;
}

/** Index just past the verb group starting at `from` (particles and adverbs after the verb). */
export function afterVerbGroup(v: SentenceView, from: number): number {
  let k = from;
  // ("killed when militants ambushed": "when" opens another clause, its subject is no object)
  while (
    k < v.s.last &&
    (v.tok(k)!.pos === 'ADV' || v.tok(k)!.pos === 'PART') &&
    !v.at.has(k) &&
    v.lower(k) !== 'not' &&
    !SUBORDINATORS.has(v.lower(k))
  )
    k++;
  return k;
}

/** The nearest verb left of `k` in the same clause (stops at ';', ':' and subordinators). */
export function previousVerb(v: SentenceView, k: number): number {
  for (let j = k; j >= v.s.first; j--) {
    const t = v.tok(j)!;
    if (t.lower === ';' || t.lower === ':') return -1;
    if (isVerb(t) && !(v.tok(j - 1)?.value === '-') && !v.at.has(j)) {
      // the verb group's main verb is its last verb
      return j;
    }
  }
  return -1;
}
