import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { findCaptions } from './captions.js';
import { breakLongRuns, LIMITS } from './limits.js';
import { normalizeQuotes, type Analysis, type Sentence, type Token } from './tokens.js';

type Nlp = ReturnType<typeof winkNLP>;

export interface AnalyseOptions {
  /** Analyse only text[start, end) (a window of a long text); offsets stay those of the whole text. */
  start?: number;
  end?: number;
  /** Where the whole text's first line (its headline) ends; computed when not given. */
  headlineEnd?: number;
  sentenceTokens?: number;
  sentenceChars?: number;
}

export interface Analyser {
  analyse(text: string, options?: AnalyseOptions): Analysis;
}

/** Loads the wink model once; `analyse` is then called per article. */
export function createAnalyser(): Analyser {
  // Only the pipes we use: sentence boundaries and POS (lemmas come with the model's addons).
  const nlp: Nlp = winkNLP(model, ['sbd', 'pos']);
  const its = nlp.its;
  return {
    analyse(text: string, options: AnalyseOptions = {}): Analysis {
      const from = options.start ?? 0;
      const whole = from === 0 && options.end === undefined;
      const local = breakLongRuns(whole ? text : text.slice(from, options.end ?? text.length));
      const doc = nlp.readDoc(local);
      const values = doc.tokens().out(its.value) as string[];
      const spaces = doc.tokens().out(its.precedingSpaces) as string[];
      const pos = doc.tokens().out(its.pos) as string[];
      const lemmas = doc.tokens().out(its.lemma as Parameters<ReturnType<typeof doc.tokens>['out']>[0]) as string[];
      const sentSpans = doc.sentences().out(its.span) as unknown as Array<[number, number]>;
      const captions = findCaptions(local);

      // wink reproduces the text exactly as precedingSpaces + value, so offsets
      // are running sums; a short look-ahead guards against any normalisation drift.
      const tokens: Token[] = [];
      const keep: number[] = []; // wink index -> our index (-1 for whitespace tokens)
      let cursor = 0;
      let ci = 0;
      for (let i = 0; i < values.length; i++) {
        const value = values[i]!;
        let start = cursor + spaces[i]!.length;
        if (local.startsWith(value, start) === false) {
          // bounded: an unbounded indexOf per lost token would be quadratic
          const found = local.slice(cursor, cursor + 64 + value.length).indexOf(value);
          if (found < 0) {
            keep.push(-1);
            continue;
          }
          start = cursor + found;
        }
        cursor = start + value.length;
        if (pos[i] === 'SPACE' || value.trim() === '') {
          keep.push(-1);
          continue;
        }
        while (ci < captions.credits.length && captions.credits[ci]![1] <= start) ci++;
        const credit = ci < captions.credits.length && captions.credits[ci]![0] <= start;
        keep.push(tokens.length);
        const norm = normalizeQuotes(value);
        const lower = norm.toLowerCase();
        const lemma = lemmas[i];
        tokens.push({
          start: from + start,
          end: from + cursor,
          value,
          norm,
          lower,
          lemma: lemma === undefined || lemma === value ? lower : normalizeQuotes(lemma.toLowerCase()),
          pos: pos[i] ?? 'X',
          sentence: 0,
          credit,
        });
      }

      // wink's sentences, split again at line breaks: headlines, captions and
      // paragraphs have no final full stop and would otherwise run together.
      const sentences: Sentence[] = [];
      const headlineEnd = options.headlineEnd ?? firstLineEnd(text);
      const maxTokens = options.sentenceTokens ?? LIMITS.sentenceTokens;
      const maxChars = options.sentenceChars ?? LIMITS.sentenceChars;
      let pi = 0;
      const pushOne = (first: number, last: number): void => {
        const start = tokens[first]!.start;
        const end = tokens[last - 1]!.end;
        while (pi < captions.paragraphs.length && from + captions.paragraphs[pi]![1] <= start) pi++;
        const para = captions.paragraphs[pi];
        const caption = para !== undefined && from + para[0] <= start && start < from + para[1];
        const index = sentences.length;
        for (let t = first; t < last; t++) tokens[t]!.sentence = index;
        sentences.push({ index, start, end, first, last, caption, headline: start < headlineEnd });
      };
      // A sentence longer than the limits is coded as pieces (see limits.ts).
      const push = (first: number, last: number): void => {
        while (first < last) {
          const end = pieceEnd(tokens, first, last, maxTokens, maxChars);
          pushOne(first, end);
          first = end;
        }
      };
      for (const [a, b] of sentSpans) {
        let first = -1;
        let prevEnd = -1;
        for (let w = a; w <= b; w++) {
          const k = keep[w]!;
          if (k < 0) continue;
          const tok = tokens[k]!;
          if (first >= 0 && prevEnd >= 0 && hasNewline(local, prevEnd - from, tok.start - from)) {
            push(first, k);
            first = k;
          }
          if (first < 0) first = k;
          prevEnd = tok.end;
        }
        if (first >= 0) {
          // last kept token index in this wink sentence, plus one
          let lastK = -1;
          for (let w = b; w >= a; w--)
            if (keep[w]! >= 0) {
              lastK = keep[w]!;
              break;
            }
          push(first, lastK + 1);
        }
      }
      return { text, tokens, sentences };
    },
  };
}

function firstLineEnd(text: string): number {
  const newline = text.indexOf('\n');
  return newline < 0 ? text.length : newline;
}

/** Scans only the gap between two tokens (an indexOf would run on to the end of the text each time). */
function hasNewline(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) return true;
  return false;
}

const CLAUSE_MARKS = new Set([',', ';', ':', '—', '–', '-']);

/**
 * Where the piece of a sentence starting at token `first` ends: at most
 * `maxTokens` tokens and `maxChars` characters, cut after a clause mark in the
 * piece's second half when there is one.
 */
function pieceEnd(tokens: Token[], first: number, last: number, maxTokens: number, maxChars: number): number {
  let end = first + 1;
  while (end < last && end - first < maxTokens && tokens[end]!.end - tokens[first]!.start <= maxChars) end++;
  if (end === last) return end;
  for (let k = end - 1; k > first + (end - first) / 2; k--) if (CLAUSE_MARKS.has(tokens[k]!.value)) return k + 1;
  return end;
}
