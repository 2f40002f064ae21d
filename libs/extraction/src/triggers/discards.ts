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
