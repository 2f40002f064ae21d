// Phoenix's discard list: phrases that mark a sentence ("BATSMAN") or, with a
// leading "+", a whole story ("+CHAMPIONS LEAGUE") as not political. Read by the
// converter; the table (data/dictionaries/discards.json) is applied in find-triggers.

export interface DiscardTable {
  /** Lower-case phrases; a trailing space means "whole word", else a stem ("cricket" also finds "cricketer"). */
  sentence: string[];
  story: string[];
}

/** Temporal and historical phrases: PETRARCH drops chronologies, we date events instead. */
const TEMPORAL = /^\d{4}$|\b(?:ago|later|years|century|april|may|june|july|august|september|october|november|december|january|february|march)\b/;

export function parseDiscards(text: string): DiscardTable {
  const sentence = new Set<string>();
  const story = new Set<string>();
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.replace(/#.*$/, '').replace(/;.*$/, '').trim();
    if (!line) continue;
    const whole = line.startsWith('+');
    if (whole) line = line.slice(1).trim();
    const word = line.endsWith('_');
    const phrase = line.replace(/_+$/, '').replace(/[_\s]+/g, ' ').toLowerCase().trim();
    if (phrase.length < 3 || TEMPORAL.test(phrase)) continue;
    (whole ? story : sentence).add(word ? phrase + ' ' : phrase);
  }
  return { sentence: [...sentence].sort(), story: [...story].sort() };
}

export interface DiscardIndex {
  /** First word (or its stem) -> the phrases starting with it, as word lists; a trailing "" = whole word. */
  sentence: Map<string, string[][]>;
  story: Map<string, string[][]>;
}

function indexPhrases(phrases: string[]): Map<string, string[][]> {
  const out = new Map<string, string[][]>();
  for (const p of phrases) {
    const words = p.split(' ');
    const list = out.get(words[0]!) ?? [];
    list.push(words);
    out.set(words[0]!, list);
  }
  return out;
}

export function buildDiscardIndex(t: DiscardTable): DiscardIndex {
  return { sentence: indexPhrases(t.sentence), story: indexPhrases(t.story) };
}

/**
 * Does a discard phrase start at token i? `lowers` are the tokens' lower-case
 * forms. A phrase's last word is a stem unless the phrase ends in a space.
 */
export function discardAt(map: Map<string, string[][]>, lowers: string[], i: number): boolean {
  const w = lowers[i]!;
  for (let n = 3; n <= w.length; n++) {
    const list = map.get(w.slice(0, n));
    if (!list) continue;
    for (const words of list) {
      const whole = words[words.length - 1] === '';
      const ws = whole ? words.slice(0, -1) : words;
      let ok = true;
      for (let k = 0; k < ws.length && ok; k++) {
        const tok = lowers[i + k];
        const last = k === ws.length - 1;
        ok = tok !== undefined && (tok === ws[k] || (last && !whole && tok.startsWith(ws[k]!)) || (k === 0 && !whole && ws.length === 1 && tok.startsWith(ws[0]!)));
      }
      if (ok) return true;
    }
  }
  return false;
}
