// Who the article says reported it: "two Iraqi officials said", "according to a
// senior Iraqi Shiite politician", "a source said". Returned per sentence.
import type { Analysis } from '../sentences/tokens.js';

const SAY = new Set(['said', 'says', 'say', 'told', 'reported', 'added', 'stated', 'confirmed']);
const STARTERS = new Set([
  'two',
  'three',
  'several',
  'a',
  'an',
  'the',
  'one',
  'senior',
  'iraqi',
  'iranian',
  'us',
  'u.s.',
  'american',
  'officials',
  'sources',
  'source',
]);

export function attributionOf(a: Analysis, sentence: number): string | undefined {
  const s = a.sentences[sentence]!;
  const toks = a.tokens;
  for (let k = s.first; k < s.last; k++) {
    const t = toks[k]!;
    if (t.lower === 'according' && toks[k + 1]?.lower === 'to') {
      let e = k + 2;
      while (e < s.last && !/^[,.;]$/.test(toks[e]!.value)) e++;
      if (e > k + 2) return a.text.slice(toks[k + 2]!.start, toks[e - 1]!.end);
    }
    if (SAY.has(t.lower) && k > s.first) {
      // the noun phrase right before "said", back to a comma or the clause start
      let b = k - 1;
      while (b > s.first && b > k - 6 && !/^[,;:"]$/.test(toks[b - 1]!.value) && toks[b - 1]!.lower !== 'that') b--;
      const first = toks[b]!;
      if (first.lower === 'he' || first.lower === 'she' || first.lower === 'it' || first.lower === 'they') continue;
      if (STARTERS.has(first.lower) || first.pos === 'PROPN' || first.pos === 'NUM')
        return a.text.slice(first.start, toks[k - 1]!.end);
    }
  }
  return undefined;
}
