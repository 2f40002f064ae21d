// Modality of one mention from cues in its clause: negation ("did not", "neither
// ... nor", "that is not what's happening"), future ("will", "is to", "plans",
// "agreed to" + infinitive, "expected"), hypothetical ("could", "if", "would",
// "fears of", the content of a threat), and from the verb that governs it
// (governors.ts): "cancelled a planned visit", "refused to meet", "denied that
// X had agreed" are negated; "warned that X would strike" is hypothetical.
import type { Modality } from '#domain';
import type { Analysis } from '../sentences/tokens.js';
import type { TriggerHit } from '../triggers/find-triggers.js';
import { governorOf } from './governors.js';

const NEG = new Set(['not', "n't", 'never', 'no', 'neither', 'nor', 'without']);
const FUTURE = new Set([
  'will',
  "'ll",
  'shall',
  'upcoming',
  'scheduled',
  'planned',
  'expected',
  'plans',
  'plan',
  'set',
]);
// "ready for talks", "willing to help": an offer, not the event
const HYPO = new Set([
  'could',
  'might',
  'may',
  'if',
  'would',
  'possible',
  'potential',
  'fears',
  'fear',
  'unless',
  'whether',
  'ready',
  'willing',
  'willingness',
  'readiness',
]);
/** Verbs whose infinitive complement has not happened yet: "agreed to scale down". */
const FUTURE_GOVERNORS = new Set([
  'agree',
  'plan',
  'intend',
  'decide',
  'pledge',
  'promise',
  'vow',
  'expect',
  'schedule',
  'aim',
  'want',
  'hope',
  'prepare',
  'seek',
  'vote',
  'need',
  'is',
  'are',
  'be',
  'ready',
  'set',
  'intended',
  'move',
  'moving',
  'poised',
  'due',
]);
const HYPO_GOVERNORS = new Set(['threaten', 'warn', 'could', 'would', 'might']);
/** Verbs whose own negation leaves their object standing: nobody claiming an attack does not undo it. */
const OPAQUE = new Set([
  'claim',
  'say',
  'comment',
  'confirm',
  'know',
  'disclose',
  'identify',
  'specify',
  'reveal',
  'mention',
  'explain',
  'elaborate',
  'take',
  'assume',
  'report',
  'name',
  'blame',
  'detail',
]);
const DEMAND_GOVERNORS = new Set([
  'urge',
  'ask',
  'demand',
  'request',
  'press',
  'appeal',
  'implore',
  'beg',
  'encourage',
  'exhort',
  'pressure',
  'push',
  'call',
  'tell',
  'invite',
]);
const THREAT_VERBS = new Set(['threaten', 'warn']);
const BOUNDARY = new Set([
  ',',
  ';',
  ':',
  '—',
  '.',
  'but',
  'while',
  'as',
  'because',
  'after',
  'before',
  'when',
  'since',
  'although',
  'though',
  'which',
  'who',
  'that',
]);
const POST_NEG = /^[^;.]{0,40}?,\s*(?:that|this|which|it)\s+(?:is|was)\s+not\s+(?:what(?:'s|\u2019s| is)?\s+)?happen/;

export function modalityOf(a: Analysis, hit: TriggerHit): Modality {
  const toks = a.tokens;
  const s = a.sentences[hit.sentence]!;
  let neg = false;
  let future = false;
  let hypo = false;
  // a negation beyond a verb of claiming or telling is that verb's: "no group claimed the attack"
  let opaque = false;
  // Cues to the left, within the clause and a few words.
  for (let k = hit.first - 1, n = 0; k >= s.first && n < 6; k--, n++) {
    const t = toks[k]!;
    if (BOUNDARY.has(t.lower)) break;
    if (t.pos === 'VERB' && OPAQUE.has(t.lemma)) opaque = true;
    // "ahead of his visit", "in preparation for the talks": what is prepared for is still to come
    if (
      (t.lower === 'ahead' && toks[k + 1]?.lower === 'of') ||
      (t.lower === 'preparation' && toks[k + 1]?.lower === 'for')
    )
      future = true;
    if (NEG.has(t.lower) && !hit.rule.keepsNegation) neg = neg || !opaque;
    else if (FUTURE.has(t.lower)) future = true;
    // "announced that troops would pull out": 'would' in reported speech is a past plan, not a condition
    else if (t.lower === 'would' && reportedSpeech(a, k)) future = true;
    else if (HYPO.has(t.lower)) hypo = true;
    // What a threat or warning names has not happened: "threatened to escalate its attacks".
    else if (t.pos === 'VERB' && THREAT_VERBS.has(t.lemma) && hit.type !== 'ThreatIssued') hypo = true;
    // "Qaani is to hold meetings": be + to is a plan; a headline drops the "is" ("US to withdraw troops")
    if (t.lower === 'to' && /^(?:is|are|was|were)$/.test(toks[k - 1]?.lower ?? '')) future = true;
    if (
      t.lower === 'to' &&
      s.headline &&
      k - 1 >= s.first &&
      /^(?:PROPN|NOUN)$/.test(toks[k - 1]!.pos) &&
      (k === hit.first - 1 || toks[k + 1]?.pos === 'VERB') &&
      !verbBefore(a, s.first, k)
    )
      future = true;
    // "to reimpose oil sanctions": the infinitive's object is governed like the infinitive
    const npAfterVerb = (): boolean => {
      if (!(toks[k + 1]?.pos === 'VERB')) return false;
      for (let j = k + 2; j < hit.first; j++)
        if (!/^(?:DET|ADJ|NOUN|PROPN|NUM|PUNCT)$/.test(toks[j]!.pos) || toks[j]!.lower === ',') return false;
      return true;
    };
    if (t.lower === 'to' && (k === hit.first - 1 || npAfterVerb())) {
      // infinitive: look at the governing verb
      for (let j = k - 1; j >= s.first && j >= k - 6; j--) {
        const g = toks[j]!;
        if (BOUNDARY.has(g.lower)) break;
        if (g.pos === 'VERB' || g.pos === 'AUX' || g.pos === 'ADJ') {
          // "urged Iraq to hold talks", "called on Israel to allow aid": what is asked has not happened
          if (HYPO_GOVERNORS.has(g.lemma) || DEMAND_GOVERNORS.has(g.lemma)) hypo = true;
          else if (FUTURE_GOVERNORS.has(g.lemma) || FUTURE_GOVERNORS.has(g.lower)) future = true;
          break;
        }
      }
    }
  }
  // "... withdrawal, that is not what's happening"
  const tail = a.text
    .slice(toks[hit.last - 1]!.end, Math.min(s.end, toks[hit.last - 1]!.end + 60))
    .replace(/\u2019/g, "'");
  if (POST_NEG.test(tail)) neg = true;
  const governed = governorOf(a, hit);
  // "failed to stop the attack", "did not prevent the strike": the double negation leaves it standing
  if (governed === 'asserted') return future ? 'future' : hypo ? 'hypothetical' : 'asserted';
  if (neg || governed === 'negated') return 'negated';
  if (governed === 'hypothetical' && hit.type !== 'ThreatIssued') return 'hypothetical';
  // "postponed the visit": it is still to happen
  if (governed === 'future' && hit.type !== 'ThreatIssued') return 'future';
  // a threat is made now; what it threatens is in the future by nature
  if (hit.type === 'ThreatIssued') return 'asserted';
  if (future) return 'future';
  if (hypo) return 'hypothetical';
  return 'asserted';
}

/** A verb before `k` in the sentence: "UN calls on Israel to allow aid" is no headline plan. */
function verbBefore(a: Analysis, from: number, k: number): boolean {
  for (let j = from; j < k; j++) if (a.tokens[j]!.pos === 'VERB') return true;
  return false;
}

const REPORTING = new Set([
  'say',
  'announce',
  'tell',
  'state',
  'report',
  'confirm',
  'add',
  'write',
  'declare',
  'indicate',
  'note',
  'explain',
  'promise',
  'pledge',
]);

/** Whether the 'would' at `k` sits in a that-clause (or bare complement) of a reporting verb, with no "if" around. */
function reportedSpeech(a: Analysis, k: number): boolean {
  const toks = a.tokens;
  const s = a.sentences[toks[k]!.sentence]!;
  for (let j = s.first; j < s.last; j++) if (/^(?:if|unless)$/.test(toks[j]!.lower)) return false;
  for (let j = k - 1; j >= s.first && j >= k - 40; j--) {
    const t = toks[j]!;
    if (t.pos === 'VERB' && REPORTING.has(t.lemma)) return true;
    if (t.lower === ';' || t.lower === ':') return false;
  }
  return false;
}
