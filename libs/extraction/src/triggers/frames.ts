// Argument frames: what an ambiguous trigger needs around it before it counts.
// A rule states its frame as alternatives of conditions that must all hold
// ([["subject"], ["prep:in,outside"]] = an actor subject, or an actor after "in"
// or "outside"). Actors are the tokens the actor stage covered; this runs before
// arguments are assigned, so it only asks whether an actor is there, not which.
import type { Analysis } from '../sentences/tokens.js';

/**
 * - `subject`: an actor (or a personal pronoun) before the trigger in its clause;
 * - `object`: an actor as its direct object (only determiners, adjectives, numbers between);
 * - `passiveBy`: "was targeted by X";
 * - `armedSubject`: an armed group or a weapon before it ("forces shelled", "a rocket hit");
 * - `infinitive`: followed by "to" and a verb ("declined to renew");
 * - `actorInSentence`: an actor anywhere in the sentence;
 * - `prep:a,b`: an actor within a few words after one of these prepositions ("rallied in Nairobi").
 */
export type FrameCondition =
  'subject' | 'object' | 'passiveBy' | 'armedSubject' | 'infinitive' | 'actorInSentence' | `prep:${string}`;

/** Any one group, every condition of the group. */
export type Frame = FrameCondition[][];

export interface FrameContext {
  a: Analysis;
  /** 1 where an actor mention covers the token. */
  covered: Uint8Array;
  /** Lower-case words naming armed groups or weapons ("troops", "militants", "rocket"). */
  armed: ReadonlySet<string>;
}

const PRONOUN_SUBJECT = new Set(['he', 'she', 'they', 'we', 'it', 'i']);
const CLAUSE_STOP = new Set([
  ';',
  ':',
  '.',
  '"',
  '(',
  ')',
  'that',
  'which',
  'who',
  'but',
  'while',
  'because',
  'after',
  'before',
  'when',
]);
const BE = new Set(['is', 'was', 'were', 'are', 'be', 'been', 'being', 'get', 'got']);

function holds(c: FrameCondition, x: FrameContext, first: number, last: number): boolean {
  const toks = x.a.tokens;
  const s = toks[first]!.sentence;
  const inSentence = (k: number): boolean => k >= 0 && k < toks.length && toks[k]!.sentence === s;
  const actorAt = (k: number): boolean => x.covered[k] === 1 || PRONOUN_SUBJECT.has(toks[k]!.lower);
  const leftward = (test: (k: number) => boolean): boolean => {
    for (let k = first - 1, n = 0; inSentence(k) && n < 15; k--, n++) {
      if (CLAUSE_STOP.has(toks[k]!.lower)) return false;
      if (test(k)) return true;
    }
    return false;
  };
  switch (c) {
    case 'subject':
      return leftward(actorAt);
    case 'armedSubject':
      return leftward((k) => x.armed.has(toks[k]!.lower) || x.armed.has(toks[k]!.lemma));
    case 'object':
      for (let k = last; k < last + 4 && inSentence(k); k++) {
        if (x.covered[k] === 1) return true;
        const p = toks[k]!.pos;
        if (p !== 'DET' && p !== 'ADJ' && p !== 'NUM') return false;
      }
      return false;
    case 'passiveBy':
      if (!BE.has(toks[first - 1]?.lower ?? '') && !BE.has(toks[first - 2]?.lower ?? '')) return false;
      for (let k = last; k < last + 4 && inSentence(k); k++)
        if (toks[k]!.lower === 'by' && (x.covered[k + 1] === 1 || x.covered[k + 2] === 1)) return true;
      return false;
    case 'infinitive':
      return toks[last]?.lower === 'to' && (toks[last + 1]?.pos === 'VERB' || toks[last + 1]?.pos === 'AUX');
    case 'actorInSentence':
      for (let k = first - 1; inSentence(k); k--) if (actorAt(k)) return true;
      for (let k = last; inSentence(k); k++) if (actorAt(k)) return true;
      return false;
    default: {
      const preps = c.slice(5).split(',');
      for (let k = last; k < last + 6 && inSentence(k); k++) {
        if (!preps.includes(toks[k]!.lower)) continue;
        for (let j = k + 1; j <= k + 4 && inSentence(j); j++) if (x.covered[j] === 1) return true;
      }
      return false;
    }
  }
}

/** Does the frame hold around the trigger tokens [first, last)? No frame always holds. */
export function frameHolds(frame: Frame | undefined, x: FrameContext, first: number, last: number): boolean {
  if (!frame) return true;
  return frame.some((group) => group.every((c) => holds(c, x, first, last)));
}
