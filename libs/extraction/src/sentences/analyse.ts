import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { findCaptions } from './captions.js';
import { normalizeQuotes, type Analysis, type Sentence, type Token } from './tokens.js';

type Nlp = ReturnType<typeof winkNLP>;

export interface Analyser {
  analyse(text: string): Analysis;
}

/** Loads the wink model once; `analyse` is then called per article. */
export function createAnalyser(): Analyser {
  // Only the pipes we use: sentence boundaries and POS (lemmas come with the model's addons).
  const nlp: Nlp = winkNLP(model, ['sbd', 'pos']);
  const its = nlp.its;
  return {
    analyse(text: string): Analysis {
      const doc = nlp.readDoc(text);
      const values = doc.tokens().out(its.value) as string[];
      const spaces = doc.tokens().out(its.precedingSpaces) as string[];
      const pos = doc.tokens().out(its.pos) as string[];
      const lemmas = doc.tokens().out(its.lemma as Parameters<ReturnType<typeof doc.tokens>["out"]>[0]) as string[];
      const sentSpans = doc.sentences().out(its.span) as unknown as Array<[number, number]>;
      const captions = findCaptions(text);

      // wink reproduces the text exactly as precedingSpaces + value, so offsets
      // are running sums; indexOf guards against any normalisation drift.
      const tokens: Token[] = [];
      const keep: number[] = []; // wink index -> our index (-1 for whitespace tokens)
      let cursor = 0;
      let ci = 0;
      for (let i = 0; i < values.length; i++) {
        const value = values[i]!;
        let start = cursor + spaces[i]!.length;
        if (text.startsWith(value, start) === false) {
          const found = text.indexOf(value, cursor);
          if (found < 0 || found - cursor > 64) {
            keep.push(-1);
            continue;
          }
          start = found;
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
          start,
          end: cursor,
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
      const firstNewline = text.indexOf('\n');
      const headlineEnd = firstNewline < 0 ? text.length : firstNewline;
      let pi = 0;
      const push = (first: number, last: number): void => {
        if (last <= first) return;
        const start = tokens[first]!.start;
        const end = tokens[last - 1]!.end;
        while (pi < captions.paragraphs.length && captions.paragraphs[pi]![1] <= start) pi++;
        const para = captions.paragraphs[pi];
        const caption = para !== undefined && para[0] <= start && start < para[1];
        const index = sentences.length;
        for (let t = first; t < last; t++) tokens[t]!.sentence = index;
        sentences.push({ index, start, end, first, last, caption, headline: start < headlineEnd });
      };
      for (const [a, b] of sentSpans) {
        let first = -1;
        let prevEnd = -1;
        for (let w = a; w <= b; w++) {
          const k = keep[w]!;
          if (k < 0) continue;
          const tok = tokens[k]!;
          if (first >= 0 && prevEnd >= 0 && text.slice(prevEnd, tok.start).includes('\n')) {
            push(first, k);
            first = k;
          }
          if (first < 0) first = k;
          prevEnd = tok.end;
        }
        if (first >= 0) {
          // last kept token index in this wink sentence, plus one
          let lastK = -1;
          for (let w = b; w >= a; w--) if (keep[w]! >= 0) { lastK = keep[w]!; break; }
          push(first, lastK + 1);
        }
      }
      return { text, tokens, sentences };
    },
  };
}
