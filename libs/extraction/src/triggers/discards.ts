// Phoenix's discard list: phrases that mark a sentence ("BATSMAN") or, with a
// leading "+", a whole story ("+CHAMPIONS LEAGUE") as not political. Read by the
// converter; the table (data/dictionaries/discards.json) is applied in find-triggers.

export interface DiscardTable {
  /** Lower-case phrases; a trailing space means "whole word", else a stem ("cricket" also finds "cricketer"). */
  sentence: string[];
  story: string[];
}

/** Temporal and historical phrases: PETRARCH drops chronologies, we date events instead. */
const TEMPORAL =
  /^\d{4}$|\b(?:ago|later|years|century|april|may|june|july|august|september|october|november|december|january|february|march)\b/;

export function parseDiscards(text: string): DiscardTable {
  const sentence = new Set<string>();
  const story = new Set<string>();
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.replace(/#.*$/, '').replace(/;.*$/, '').trim();
    if (!line) continue;
    const whole = line.startsWith('+');
    if (whole) line = line.slice(1).trim();
    const word = line.endsWith('_');
    const phrase = line
      .replace(/_+$/, '')
      .replace(/[_\s]+/g, ' ')
      .toLowerCase()
      .trim();
    if (phrase.length < 3 || TEMPORAL.test(phrase)) continue;
    (whole ? story : sentence).add(word ? phrase + ' ' : phrase);
  }
  return { sentence: [...sentence].sort(), story: [...story].sort() };
}

export interface DiscardIndex {
  /** The first three letters of a phrase (as a number, see key3) -> its phrases as word lists; a trailing "" = whole word. */
  phrases: Map<number, Array<{ words: string[]; story: boolean }>>;
}

/** The first three characters of a word as one small integer (7 bits each; the words are checked after). */
function key3(w: string): number {
  return ((w.charCodeAt(0) & 0x7f) << 14) | ((w.charCodeAt(1) & 0x7f) << 7) | (w.charCodeAt(2) & 0x7f);
}

export function buildDiscardIndex(t: DiscardTable): DiscardIndex {
  const phrases: DiscardIndex['phrases'] = new Map();
  const add = (p: string, story: boolean): void => {
    const words = p.split(' ');
    const key = key3(words[0]!);
    const list = phrases.get(key) ?? [];
    list.push({ words, story });
    phrases.set(key, list);
  };
  for (const p of t.sentence) add(p, false);
  for (const p of t.story) add(p, true);
  return { phrases };
}

export const NO_DISCARD = 0;
export const SENTENCE_DISCARD = 1;
export const STORY_DISCARD = 2;

/**
 * Does a discard phrase start at token i? 2 for a story's, 1 for a sentence's, else 0.
 * A phrase's last word is a stem ("cricket" finds "cricketer") unless the phrase
 * ends in a space; its other words are whole words.
 */
export function discardAt(ix: DiscardIndex, toks: ReadonlyArray<{ lower: string }>, i: number): number {
  const w = toks[i]!.lower;
  if (w.length < 3) return NO_DISCARD;
  const list = ix.phrases.get(key3(w));
  if (!list) return NO_DISCARD;
  let found = NO_DISCARD;
  for (const { words, story } of list) {
    const whole = words[words.length - 1] === '';
    const n = whole ? words.length - 1 : words.length;
    let ok = true;
    for (let k = 0; k < n && ok; k++) {
      const tok = toks[i + k]?.lower;
      const stem = k === n - 1 && !whole;
      ok = tok !== undefined && (tok === words[k] || (stem && tok.startsWith(words[k]!)));
    }
    if (ok) {
      if (story) return STORY_DISCARD;
      found = SENTENCE_DISCARD;
    }
  }
  return found;
}
