import type { EventType } from '#domain';
import type { Analysis, Token } from '../sentences/tokens.js';
import { LEXICON, type TriggerRule } from './lexicon.js';

export interface TriggerHit {
  type: EventType;
  rule: TriggerRule;
  /** Token range of the trigger words. */
  first: number;
  last: number;
  /** Token index of the head word (the first word). */
  head: number;
  sentence: number;
}

export interface TriggerIndex {
  byWord: Map<string, TriggerRule[]>;
}

export function buildTriggerIndex(rules: readonly TriggerRule[] = LEXICON): TriggerIndex {
  const byWord = new Map<string, TriggerRule[]>();
  for (const r of rules) {
    const k = r.words[0]!;
    const list = byWord.get(k) ?? [];
    list.push(r);
    byWord.set(k, list);
  }
  return { byWord };
}

function wordMatches(t: Token, w: string): boolean {
  return w.startsWith('=') ? t.lower === w.slice(1) : t.lemma === w || t.lower === w;
}

function posOk(t: Token, pos: TriggerRule['pos']): boolean {
  if (!pos) return true;
  // wink's tagger errs on headlines ("PM demands Iran"), so the check is loose.
  if (pos === 'VERB') return t.pos === 'VERB' || t.pos === 'AUX' || /(?:ed|ing|s)$/.test(t.lower) && t.pos !== 'ADJ';
  return t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'X';
}

function nearOk(a: Analysis, r: TriggerRule, first: number, last: number): boolean {
  const near = r.near;
  if (!near) return true;
  const toks = a.tokens;
  const s = toks[first]!.sentence;
  const side = near.side ?? 'after';
  const check = (k: number): boolean => {
    const t = toks[k];
    return t !== undefined && t.sentence === s && near.words.some((w) => wordMatches(t, w));
  };
  if (side !== 'before') for (let k = last; k < last + near.window; k++) if (check(k)) return true;
  if (side !== 'after') for (let k = first - 1; k >= first - near.window && k >= 0; k--) if (check(k)) return true;
  return false;
}

/** Trigger words outside actor names (`covered`), one hit per type and head word. */
export function findTriggers(a: Analysis, ix: TriggerIndex, covered: Uint8Array): TriggerHit[] {
  const toks = a.tokens;
  const out: TriggerHit[] = [];
  for (let i = 0; i < toks.length; i++) {
    if (covered[i]) continue;
    const t = toks[i]!;
    if (t.credit) continue;
    const byForm = ix.byWord.get('=' + t.lower);
    const byLemma = ix.byWord.get(t.lemma);
    const byLower = t.lemma !== t.lower ? ix.byWord.get(t.lower) : undefined;
    if (!byForm && !byLemma && !byLower) continue;
    const rules = [...(byForm ?? []), ...(byLemma ?? []), ...(byLower ?? [])];
    for (const r of rules) {
      if (!posOk(t, r.pos)) continue;
      // the rest of the words, each within `gap` tokens of the previous one
      let k = i;
      let ok = true;
      for (let w = 1; w < r.words.length && ok; w++) {
        ok = false;
        for (let g = 1; g <= (r.gap ?? 0) + 1; g++) {
          const n = toks[k + g];
          if (!n || n.sentence !== t.sentence) break;
          if (wordMatches(n, r.words[w]!)) {
            k = k + g;
            ok = true;
            break;
          }
        }
      }
      if (!ok || !nearOk(a, r, i, k + 1)) continue;
      if (r.notBefore) {
        const n1 = toks[k + 1];
        const n2 = toks[k + 2];
        if ((n1 && r.notBefore.includes(n1.lower)) || (n2 && r.notBefore.includes(n2.lower))) continue;
      }
      if (out.some((h) => h.head === i && h.type === r.type)) continue;
      out.push({ type: r.type, rule: r, first: i, last: k + 1, head: i, sentence: t.sentence });
    }
  }
  return out;
}
