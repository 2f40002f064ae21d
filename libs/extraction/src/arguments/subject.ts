// The subject and the direct object of a verb, by clause shape:
// - the noun phrase right before the verb group is its subject ("X said Y did Z":
//   Y did Z), skipping time adverbials ("Russia on Sunday attacked");
// - a relative pronoun right before the verb stands for its antecedent
//   ("militias that attacked the base");
// - "X, the foreign minister, said" and "X, which ..., denied": the phrase before
//   the comma pair;
// - coordinated verbs, participles after a comma and infinitives ("refused to
//   meet") take the subject of the verb they hang on; "urged X to" and "X's
//   decision to" make X the subject of the infinitive; "accused X of attacking"
//   makes X the attacker;
// - a phrase that is the object of a preposition is not the subject, but
//   "troops from Pakistan and India" and "the head of the IAEA" lend it theirs.
import type { Mention } from '../actors/mention.js';
import {
  beforeVerbGroup,
  headMention,
  isTimePhrase,
  isVerb,
  phraseEndingAt,
  phraseStartingAt,
  PREPOSITIONS,
  previousVerb,
  proxyPhrase,
  RELATIVE_PRONOUNS,
  type Phrase,
  type SentenceView,
} from './phrases.js';

const MAX_DEPTH = 5;
/** Words opening an adverbial clause before the main clause: "After meeting X, Y ...". */
const OPENERS = new Set([
  'after',
  'before',
  'while',
  'since',
  'upon',
  'on',
  'when',
  'by',
  'in',
  'despite',
  'following',
]);

/** Phrases joined by "and"/"or"/"," to the left of `p` ("Benin, Germany and the UK"). */
function coordinatedLeft(v: SentenceView, p: Phrase): Phrase[] {
  const out = [p];
  let sawAnd = false;
  for (;;) {
    const first = out[0]!.first;
    const sep = v.lower(first - 1);
    if (sep !== 'and' && sep !== 'or' && sep !== ',') break;
    // a headline's comma is its "and": "Iran, Saudi Arabia agree to restore ties"
    const headlineList =
      sep === ',' &&
      v.s.headline &&
      !sawAnd &&
      first - 1 > v.s.first &&
      phraseEndingAt(v, first - 1)?.first === v.s.first;
    if (sep === ',' && !sawAnd && !headlineList) break;
    const q = phraseEndingAt(v, first - 1);
    if (!q || !headMention(v, q)) break;
    if (sep !== ',') sawAnd = true;
    out.unshift(q);
  }
  return out;
}

/** Phrases joined by "and"/"or"/"," to the right of `p`. */
export function coordinatedRight(v: SentenceView, p: Phrase): Phrase[] {
  const out = [p];
  for (let n = 0; n < 8; n++) {
    const last = out[out.length - 1]!.last;
    const sep = v.lower(last);
    if (sep !== 'and' && sep !== 'or' && sep !== ',') break;
    const q = phraseStartingAt(v, last + 1);
    if (!q || !headMention(v, q)) break;
    out.push(q);
    if (sep !== ',') break;
  }
  // a comma list must end in "and": "Iran, Iraq" alone is not a coordination
  if (out.length > 1 && v.lower(out[out.length - 2]!.last) === ',') return [p];
  return out;
}

export function heads(v: SentenceView, ps: Phrase[]): Mention[] {
  const out: Mention[] = [];
  for (const p of ps) {
    const h = headMention(v, p);
    if (!h) continue;
    // "the two sides" is two mentions over one span
    for (const m of [h, ...v.mentions.filter((x) => x !== h && x.first === h.first && x.last === h.last)]) {
      if (!out.some((x) => x.entity.id === m.entity.id)) out.push(m);
    }
  }
  return out;
}

/** The actor a relative pronoun at `r` stands for. */
function antecedent(v: SentenceView, r: number): Mention[] {
  const end = v.lower(r - 1) === ',' ? r - 1 : r;
  const p = phraseEndingAt(v, end);
  if (!p || proxyPhrase(v, p)) return [];
  return heads(v, coordinatedLeft(v, p));
}

/** The subject phrase ending right before `end`. */
function subjectPhrase(v: SentenceView, end: number, depth: number): Mention[] {
  if (depth > MAX_DEPTH) return [];
  const p = phraseEndingAt(v, end);
  if (!p) {
    const t = v.tok(end - 1);
    if (t && RELATIVE_PRONOUNS.has(t.lower)) return antecedent(v, end - 1);
    return [];
  }
  // "Russia on Sunday attacked", "Iran last week sent": a time adverbial
  if (isTimePhrase(v, p)) {
    let e = p.first;
    if (PREPOSITIONS.has(v.lower(e - 1))) e--;
    if (e <= v.s.first || v.lower(e - 1) === ',') return [];
    return subjectPhrase(v, e, depth + 1);
  }
  if (proxyPhrase(v, p) && !headMention(v, p)) return [];
  const list = coordinatedLeft(v, p);
  const prep = v.lower(list[0]!.first - 1);
  if (!PREPOSITIONS.has(prep) && !headMention(v, p)) {
    const owner = headMention(v, p, true);
    return owner ? [owner] : [];
  }
  if (PREPOSITIONS.has(prep)) {
    // the phrase is a prepositional object: the phrase it hangs on is the subject
    const outer = phraseEndingAt(v, list[0]!.first - 1);
    // "vehicles belonging to X", "fighters loyal to X": the phrase's owner acts
    const before = v.tok(list[0]!.first - 2);
    if (!outer)
      return (before && /(?:ing|ed)$/.test(before.lower)) || /^(?:loyal|close|allied)$/.test(before?.lower ?? '')
        ? heads(v, list)
        : [];
    const oh = headMention(v, outer);
    if (oh) return [oh];
    // "troops from Pakistan and India", "the head of the IAEA": the only actors there are
    if (prep === 'of' || prep === 'from') return heads(v, list);
    return [];
  }
  return heads(v, list);
}

/** After an opening participle clause ("Accusing Moscow of ..., Zelensky said"): the main clause's subject. */
export function subjectAfterOpening(v: SentenceView, verb: number): Mention[] {
  for (let k = verb + 1; k < v.s.last; k++) {
    if (v.lower(k) !== ',') continue;
    const p = phraseStartingAt(v, k + 1);
    if (!p) return [];
    return heads(v, coordinatedRight(v, p));
  }
  return [];
}

/** The subject of the verb at token `verb`. */
export function subjectAt(v: SentenceView, verb: number, depth = 0): Mention[] {
  if (depth > MAX_DEPTH) return [];
  const k = beforeVerbGroup(v, verb);
  let infinitive = false;
  for (let j = k + 1; j < verb; j++) if (v.lower(j) === 'to') infinitive = true;
  const verbTok = v.tok(verb)!;
  const ing = /ing$/.test(verbTok.lower);
  const t = v.tok(k);
  if (!t) return ing || infinitive ? subjectAfterOpening(v, verb) : [];
  // "After meeting X, the premier flew": an opening adverbial clause takes the main clause's subject
  if (ing && k === v.s.first && OPENERS.has(t.lower)) return subjectAfterOpening(v, verb);
  if (infinitive) {
    // "agreed on Thursday to scale down": the time adverbial hangs on the verb
    let g = k;
    for (let p = phraseEndingAt(v, g + 1); p && isTimePhrase(v, p); p = phraseEndingAt(v, g + 1)) {
      g = p.first - 1;
      if (PREPOSITIONS.has(v.lower(g))) g--;
    }
    // "refused to meet", "agreed to withdraw": the governing verb's subject
    if (isVerb(v.tok(g)) && !v.at.has(g)) return subjectAt(v, g, depth + 1);
    // "urged Iraq to expel", "Iran's decision to withdraw": the phrase before "to"
    const p = phraseEndingAt(v, k + 1);
    if (p) {
      const h = headMention(v, p);
      if (h) return heads(v, coordinatedLeft(v, p));
      const g = v.tok(p.first - 1);
      if (g && isVerb(g)) return subjectAt(v, p.first - 1, depth + 1); // "announced plans to withdraw"
    }
    return [];
  }
  // "accused Moscow of attacking": the accused did it
  if (ing && (t.lower === 'of' || t.lower === 'for')) {
    const p = phraseEndingAt(v, k);
    const h = p && headMention(v, p);
    // "Russia was accused by Ukraine of shelling": the accuser follows "by", the accused is the passive's subject
    if (h && v.lower(p.first - 1) === 'by' && isVerb(v.tok(p.first - 2))) return subjectAt(v, p.first - 2, depth + 1);
    if (h) return [h];
    // "stopped short of imposing", "refrained from": the governing verb's subject
    const g = p ? p.first - 1 : k - 1;
    return isVerb(v.tok(g)) && !v.at.has(g) ? subjectAt(v, g, depth + 1) : [];
  }
  // "X hit Y, killing Z" is a bare participle; "France, however, has been conducting" has its auxiliaries
  let aux = false;
  for (let j = k + 1; j < verb; j++)
    if (v.tok(j)!.pos === 'AUX' || /^(?:has|have|had|is|are|was|were|been|be)$/.test(v.lower(j))) aux = true;
  if (t.lower === 'and' || t.lower === 'or' || t.lower === 'but' || (ing && !aux && t.lower === ',')) {
    // "X met Y and signed", "X hit Y, killing Z": the verb they hang on
    const pv = previousVerb(v, k - 1);
    return pv >= 0 ? subjectAt(v, pv, depth + 1) : [];
  }
  if (t.lower === ',') {
    // "X, the foreign minister, said" / "Iran, which backs them, denied" / "Russia, however, said"
    let j = k - 1;
    while (j > v.s.first && v.lower(j) !== ',') j--;
    if (j > v.s.first) {
      const first = subjectPhrase(v, j, depth + 1);
      if (first.length) return first;
    }
    const p = phraseEndingAt(v, k);
    const h = p && headMention(v, p);
    if (h && (p.first === v.s.first || v.lower(p.first - 1) === ',')) return [h];
    return [];
  }
  // "issued a statement demanding", "backed a resolution calling for": the vehicle's author
  if (ing) {
    const p = phraseEndingAt(v, k + 1);
    if (p && !headMention(v, p) && isVerb(v.tok(p.first - 1)) && !v.at.has(p.first - 1))
      return subjectAt(v, p.first - 1, depth + 1);
  }
  return subjectPhrase(v, k + 1, depth);
}

/** The direct object of a verb group ending before `from`: the phrase right after it. */
export function objectAt(v: SentenceView, from: number): Mention[] {
  const p = phraseStartingAt(v, from);
  if (!p) return [];
  const h = headMention(v, p);
  if (h) return heads(v, coordinatedRight(v, p));
  // "the head of X", "the killing of X", "the capital of X"
  if (v.lower(p.last) === 'of') {
    const q = phraseStartingAt(v, p.last + 1);
    if (q && headMention(v, q)) return heads(v, coordinatedRight(v, q));
  }
  return [];
}

const REPORTING = new Set([
  'say',
  'said',
  'says',
  'tell',
  'told',
  'state',
  'add',
  'announce',
  'note',
  'write',
  'tweet',
  'declare',
  'insist',
]);

/** Who the sentence says is speaking: "according to X", "X said", "..., said X". */
export function speakerOf(v: SentenceView): Mention[] {
  for (let k = v.s.first; k < v.s.last; k++) {
    const t = v.tok(k)!;
    if (t.lower === 'according' && v.lower(k + 1) === 'to') {
      const p = phraseStartingAt(v, k + 2);
      const h = p && headMention(v, p);
      if (h) return [h];
      // "according to the daughter of X"
      if (p && v.lower(p.last) === 'of') {
        const q = phraseStartingAt(v, p.last + 1);
        const hq = q && headMention(v, q);
        if (hq) return [hq];
      }
    }
    if (isVerb(t) && REPORTING.has(t.lemma) && !v.at.has(k)) {
      const subj = subjectAt(v, k);
      if (subj.length) return subj;
      const p = phraseStartingAt(v, k + 1);
      const h = p && headMention(v, p);
      if (h && (v.lower(k - 1) === ',' || v.lower(k - 1) === '"')) return [h];
    }
  }
  return [];
}
