// Bounds on the work the coder does for one article, whatever its text. Each
// stage after wink is linear in its input only as long as sentences stay
// sentence-sized: arguments look across a sentence, merging compares every
// mention with every event found so far, and wink's tokenizer runs regular
// expressions that are super-linear in the length of a run without spaces
// (64k characters of one word took 20 s, 900 KB more than 16 minutes).
// The dev corpus, for scale: at most 85 tokens and 431 characters in a
// sentence, 45 sentences and 6 KB in an article.

export const LIMITS = {
  /** Characters in a run without ASCII white space before wink sees it; longer runs are broken with a space. */
  tokenChars: 64,
  /** Tokens in one sentence; a longer one is cut into pieces of at most this many. */
  sentenceTokens: 160,
  /** Characters from a sentence's first token to its last; a longer one is cut likewise. */
  sentenceChars: 2_000,
  /** Characters wink reads at once: a longer text is analysed window by window, cut at a paragraph or sentence. */
  windowChars: 20_000,
  /** Sentences coded together (mentions merge into events within a part): a window with more is coded in parts. */
  partSentences: 200,
  /** Sentences coded per article; the rest of a longer text is left uncoded and reported. */
  articleSentences: 8_000,
  /** Tokens analysed per article; the rest of a longer text is left uncoded and reported. */
  articleTokens: 250_000,
} as const;

export type Limits = { -readonly [K in keyof typeof LIMITS]: number };

/** Space, tab, line feed, vertical tab, form feed, carriage return. */
const isAsciiSpace = (c: number): boolean => c === 0x20 || (c >= 0x09 && c <= 0x0d);

/**
 * The text as wink should read it: the same length and offsets, but no run of
 * more than `max` characters without ASCII white space (a space replaces one
 * character of each longer run, never half of a surrogate pair). Non-ASCII
 * spaces count as part of a run: wink does not split on all of them.
 */
export function breakLongRuns(text: string, max: number = LIMITS.tokenChars): string {
  let run = 0;
  let out: string[] | undefined;
  let copied = 0;
  for (let i = 0; i < text.length; i++) {
    if (isAsciiSpace(text.charCodeAt(i))) {
      run = 0;
      continue;
    }
    if (++run <= max) continue;
    // never leave half of a surrogate pair: a pair's second half is replaced with its first
    const code = text.charCodeAt(i);
    const pair = code >= 0xdc00 && code <= 0xdfff && i > copied && isHighSurrogate(text.charCodeAt(i - 1));
    out ??= [];
    out.push(text.slice(copied, pair ? i - 1 : i), pair ? '  ' : ' ');
    copied = i + 1;
    run = 0;
  }
  if (!out) return text;
  out.push(text.slice(copied));
  return out.join('');
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
