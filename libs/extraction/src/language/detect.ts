// The coder reads English only. Which language an article is in comes from the
// sender when the payload says so, else from eld (Efficient Language Detector,
// Apache-2.0; its "small" n-gram table): it was right on more short news
// openings than franc-min, tinyld, languagedetect, lande and cld3-asm, in pure
// JavaScript and synchronously (BENCHMARKS.md, "Languages"). cld (CLD2) was as
// accurate but is a native addon built at install time.
import { eld } from 'eld/small';

/** ISO 639-1 codes of the languages the coder codes. */
export const CODED_LANGUAGES: ReadonlySet<string> = new Set(['en']);

/**
 * English wins a near tie: an English story crowded with foreign names
 * ("Ouattara, Tinubu and Akufo-Addo meet in Abuja") scores close to the
 * languages the names come from, while text in another language leaves
 * English far behind (0.1–0.3 below the best on the labelled samples).
 */
const ENGLISH_MARGIN = 0.05;

/** Three-letter codes a sender may use for the languages we name by two letters. */
const ISO_639_2: Readonly<Record<string, string>> = { eng: 'en' };

/**
 * English words that are not words of other languages eld knows (not "a",
 * "in", "on", "is", "was", "die"…). Running English prose is a fifth such
 * words; text in another language has next to none, even quoting English names.
 */
const ENGLISH_WORDS = new Set([
  'the',
  'of',
  'and',
  'to',
  'that',
  'for',
  'with',
  'said',
  'from',
  'by',
  'which',
  'were',
  'would',
  'has',
  'have',
]);
const SAMPLE_CHARS = 600;

/**
 * Plainly English: at least 8 of the first words, and an eighth of them,
 * are ENGLISH_WORDS. Cheaper than eld by far (which cost as much as coding a
 * short article), and eld still decides everything else.
 */
function plainlyEnglish(text: string): boolean {
  const sample = text.slice(0, SAMPLE_CHARS).toLowerCase();
  let words = 0;
  let english = 0;
  let start = -1;
  // words of ASCII letters, without a string for each: ENGLISH_WORDS are all of 2 to 5 letters
  for (let i = 0; i <= sample.length; i++) {
    const c = i < sample.length ? sample.charCodeAt(i) : 0;
    if (c >= 97 && c <= 122) {
      if (start < 0) start = i;
      continue;
    }
    if (start < 0) continue;
    words++;
    if (i - start <= 5 && ENGLISH_WORDS.has(sample.slice(start, i))) english++;
    start = -1;
  }
  return english >= 8 && english * 8 >= words;
}

/** The ISO 639-1 language of a text (lower case), "en" when the detector cannot tell. */
export function detectLanguage(text: string): string {
  if (plainlyEnglish(text)) return 'en';
  const result = eld.detect(text);
  if (!result.language) return 'en';
  const scores = result.getScores();
  const english = scores['en'] ?? 0;
  const best = Math.max(...Object.values(scores));
  return english > 0 && english >= best - ENGLISH_MARGIN ? 'en' : result.language;
}

/** The sender's language tag ("en-GB", "ara") as the code the coder compares: its primary subtag, lower case. */
export function primaryLanguage(tag: string): string {
  const primary = tag.split('-')[0]!.toLowerCase();
  return ISO_639_2[primary] ?? primary;
}

/** The language to code the text as: the sender's when given, else the detected one. */
export function languageOf(input: { text: string; language?: string }): string {
  return input.language ? primaryLanguage(input.language) : detectLanguage(input.text);
}
