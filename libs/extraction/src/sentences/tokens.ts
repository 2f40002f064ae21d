// The one linguistic pass per article: wink-nlp gives sentences, tokens, POS
// and lemmas. Everything downstream works on these arrays, so wink's work is
// done once per article and the later passes stay linear.

export interface Token {
  /** JavaScript string index of the first character, into the input text. */
  start: number;
  /** End index, exclusive. */
  end: number;
  value: string;
  /** The value with typographic quotes and dashes made plain. */
  norm: string;
  /** Lower-cased value with curly quotes made straight, used for matching. */
  lower: string;
  /** Lower-cased lemma. */
  lemma: string;
  /** Universal POS tag from wink (NOUN, VERB, PROPN, AUX, ...). */
  pos: string;
  /** Index of the sentence holding this token. */
  sentence: number;
  /** Inside a photo credit "(AP Photo/...)": never an actor. */
  credit: boolean;
}

export interface Sentence {
  index: number;
  start: number;
  end: number;
  /** First token index. */
  first: number;
  /** One past the last token index. */
  last: number;
  /** Part of a photo caption paragraph. */
  caption: boolean;
  /** The article's first line (its headline). */
  headline: boolean;
}

export interface Analysis {
  text: string;
  tokens: Token[];
  sentences: Sentence[];
}

/** Straightens typographic quotes so lexicons can be written with plain ASCII. */
const TYPOGRAPHIC = /[\u2018\u2019\u02bc\u2032\u201c\u201d\u2013\u2014]/;

export function normalizeQuotes(s: string): string {
  if (!TYPOGRAPHIC.test(s)) return s; // the common case, without allocating
  return s
    .replace(/[\u2018\u2019\u02bc\u2032]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, '-');
}
