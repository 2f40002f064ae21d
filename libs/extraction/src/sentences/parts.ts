// Cutting a long text into pieces the coder handles one at a time: windows of
// characters before wink reads them, then parts of at most so many sentences.
// Offsets always stay those of the whole text.
import type { Analysis } from './tokens.js';

/**
 * [start, end) windows of at most `max` characters covering the text, each cut
 * at the last line break in its second half, else after the last sentence
 * end there, else at the last space, else at `max` (never inside a surrogate pair).
 */
export function windowsOf(text: string, max: number): Array<[number, number]> {
  const windows: Array<[number, number]> = [];
  let start = 0;
  while (start < text.length) {
    const end = start + max >= text.length ? text.length : cutBefore(text, start, start + max);
    windows.push([start, end]);
    start = end;
  }
  return windows;
}

function cutBefore(text: string, start: number, limit: number): number {
  const half = start + Math.floor((limit - start) / 2);
  let space = -1;
  let sentenceEnd = -1;
  for (let i = limit - 1; i > half; i--) {
    const c = text.charCodeAt(i);
    if (c === 10) return i + 1;
    if (c === 32 || c === 9) {
      if (space < 0) space = i + 1;
      if (sentenceEnd < 0 && isSentenceEnd(text.charCodeAt(i - 1))) sentenceEnd = i + 1;
    }
  }
  if (sentenceEnd > 0) return sentenceEnd;
  if (space > 0) return space;
  const c = text.charCodeAt(limit);
  return c >= 0xdc00 && c <= 0xdfff ? limit - 1 : limit;
}

const isSentenceEnd = (c: number): boolean => c === 46 || c === 33 || c === 63; // . ! ?

/** The analysis restricted to some of its sentences (in order), re-indexed as a whole of its own. */
export function selectSentences(a: Analysis, indices: readonly number[]): Analysis {
  const tokens: Analysis['tokens'] = [];
  const sentences: Analysis['sentences'] = [];
  for (const i of indices) {
    const s = a.sentences[i]!;
    const index = sentences.length;
    const first = tokens.length;
    for (let t = s.first; t < s.last; t++) tokens.push({ ...a.tokens[t]!, sentence: index });
    sentences.push({ ...s, index, first, last: tokens.length });
  }
  return { text: a.text, tokens, sentences };
}

/** Consecutive parts of at most `max` sentences (the analysis itself when it is small enough). */
export function partsOf(a: Analysis, max: number): Analysis[] {
  if (a.sentences.length <= max) return [a];
  const parts: Analysis[] = [];
  for (let from = 0; from < a.sentences.length; from += max) {
    const indices = [];
    for (let i = from; i < Math.min(from + max, a.sentences.length); i++) indices.push(i);
    parts.push(selectSentences(a, indices));
  }
  return parts;
}
