// The verb that governs a mention can undo it: "cancelled a planned visit",
// "called off the talks", "refused to meet", "denied that Iraq had agreed",
// "the visit was cancelled" did not happen; "threatened to strike", "warned that
// it would retaliate" name what has not happened. The governor must reach the
// mention through its complement: an object, "to", "that" or a gerund, with no
// other full verb in between ("denied the report and said the convoy attacked"
// leaves the attack alone).
import type { EventType, Modality } from '#domain';
import type { Analysis, Token } from '../sentences/tokens.js';
import type { TriggerHit } from '../triggers/find-triggers.js';

/** Verbs that undo whatever they govern. */
const CANCEL = new Set([
  'cancel',
  'call',
  'scrap',
  'abandon',
  'shelve',
  'axe',
  'drop',
  'scuttle',
  'nix',
  'forgo',
  'forego',
  'abort',
  'fail',
  'avoid',
  'stop',
  'halt',
  'prevent',
  'block',
  'thwart',
  'foil',
  'veto',
  'refuse',
  'decline',
  'refrain',
]);
/** Verbs that undo an infinitive, gerund or that-clause, but not every object ("denied the accusation"). */
const DENY = new Set(['deny', 'reject', 'dismiss', 'rule', 'refute', 'disavow']);
/** Types whose object under DENY is itself not happening ("rejected talks", "ruled out a meeting"). */
const DENIABLE_OBJECT = new Set<EventType>([
  'TalksStarted',
  'MeetingHeld',
  'VisitMade',
  'AgreementReached',
  'AidProvided',
  'WaiverGranted',
  'TroopsWithdrawn',
]);
/** Verbs whose complement is what is threatened or feared. */
const THREAT = new Set(['threaten', 'warn', 'fear', 'vow']);
/** Verbs whose complement is asked of someone: what is demanded has not happened. */
const DEMAND = new Set([
  'demand',
  'urge',
  'ask',
  'request',
  'press',
  'appeal',
  'implore',
  'beg',
  'encourage',
  'exhort',
  'pressure',
  'push',
  'insist',
]);
/** Verbs that carry a nominal event without changing whether it happens ("join the sanctions"). */
const CARRIERS = new Set([
  'join',
  'sign',
  'hold',
  'impose',
  'launch',
  'carry',
  'conduct',
  'make',
  'reach',
  'attend',
  'send',
  'give',
  'provide',
  'grant',
  'extend',
  'renew',
  'start',
  'begin',
  'resume',
  'open',
  'stage',
  'mount',
  'deliver',
  'pay',
  'issue',
]);
/** Verbs of weighing an option: "weighing new sanctions", "considering a visit" have not happened. */
const CONSIDER = new Set([
  'weigh',
  'consider',
  'mull',
  'contemplate',
  'debate',
  'discuss',
  'propose',
  'explore',
  'study',
  'eye',
  'float',
]);
/** Particles of the phrasal governors: "call off", "rule out". */
const PARTICLE: Record<string, string> = { call: 'off', rule: 'out' };
const PREPOSITIONS = new Set([
  'from',
  'in',
  'on',
  'at',
  'by',
  'with',
  'for',
  'about',
  'over',
  'against',
  'into',
  'to',
  'after',
  'during',
]);
const AFTER_CANCEL = new Set([
  'cancel',
  'call',
  'scrap',
  'abandon',
  'shelve',
  'postpone',
  'axe',
  'drop',
  'scuttle',
  'suspend',
  'block',
  'veto',
  'delay',
  'defer',
  'reschedule',
]);
const ANNOUNCE = new Set(['announce', 'unveil', 'schedule']);
const ANNOUNCED_LATER = new Set<EventType>([
  'TroopsWithdrawn',
  'VisitMade',
  'TalksStarted',
  'MeetingHeld',
  'ElectionHeld',
]);
/** Verbs that move an event later without undoing it: "postponed the visit" is still to come. */
const POSTPONE = new Set(['postpone', 'delay', 'defer', 'reschedule']);

function isVerb(t: Token | undefined): boolean {
  return t !== undefined && (t.pos === 'VERB' || t.pos === 'AUX');
}

/** A word between governor and mention that does not end the governor's reach. */
function transparent(toks: Token[], k: number): boolean {
  const t = toks[k]!;
  if (!isVerb(t))
    return !/^[;:]$/.test(t.lower) && !/^(?:but|while|although|because|after|before|when|since)$/.test(t.lower);
  if (t.pos === 'AUX' || /^(?:be|have|do|get)$/.test(t.lemma)) return true;
  // participles inside the noun phrase: "a planned visit", "the long-awaited talks"
  const prev = toks[k - 1];
  // (an adverb counts only inside a determiner phrase: "the recently announced visit", not "officials later denied")
  const inNp =
    prev !== undefined &&
    (prev.pos === 'DET' ||
      prev.pos === 'ADJ' ||
      prev.value === '-' ||
      (prev.pos === 'ADV' && toks[k - 2]?.pos === 'DET'));
  return /(?:ed|ing|en)$/.test(t.lower) && inNp;
}

/**
 * Whether a demand verb whose complement starts at `from` reaches the mention: its object ("demanded the
 * withdrawal"), "X to ..." or "that X ..." with no preposition of another phrase in between.
 */
function demanded(toks: Token[], from: number, hit: TriggerHit): boolean {
  if (hit.type === 'DemandIssued') return false;
  const between = toks.slice(from, hit.first).map((x) => x.lower);
  return !between.some((w) => w !== 'of' && w !== 'to' && w !== 'that' && PREPOSITIONS.has(w));
}

/** "failed to stop", "did not prevent", "refused to call off": a canceller that is itself undone. */
function undone(toks: Token[], k: number, first: number): boolean {
  for (let j = k - 1; j >= first && j >= k - 3; j--) {
    const w = toks[j]!;
    if (/^(?:not|n't|never)$/.test(w.lower)) return true;
    if (w.lower === 'to' && j === k - 1) {
      const g = toks[j - 1];
      return g !== undefined && /^(?:fail|refuse|decline)$/.test(g.lemma);
    }
    if (w.pos !== 'AUX' && w.pos !== 'ADV') return false;
  }
  return false;
}

export function governorOf(a: Analysis, hit: TriggerHit): Modality | undefined {
  const toks = a.tokens;
  const s = a.sentences[hit.sentence]!;
  // "the visit was cancelled", "talks have been called off"
  let sawBe = false;
  for (let k = hit.last; k < s.last && k < hit.last + 9; k++) {
    const t = toks[k]!;
    if (t.lower === ',' || t.lower === ';') break;
    if (t.pos === 'AUX' || /^(?:be|have)$/.test(t.lemma)) {
      sawBe = true;
      continue;
    }
    if (!isVerb(t)) {
      if (sawBe && t.pos !== 'ADV') break;
      continue;
    }
    if (sawBe && AFTER_CANCEL.has(t.lemma) && /ed$/.test(t.lower)) return POSTPONE.has(t.lemma) ? 'future' : 'negated';
    break;
  }
  for (let k = hit.first - 1; k >= s.first && k >= hit.first - 14; k--) {
    const t = toks[k]!;
    if (!isVerb(t) || transparent(toks, k)) {
      if (!transparent(toks, k)) return undefined;
      continue;
    }
    // "refused to join the sanctions", "threatened to launch attacks": an infinitive that only carries
    // the event lets the governor above it reach the event
    if (
      CARRIERS.has(t.lemma) &&
      (toks[k - 1]?.lower === 'to' || (toks[k - 1]?.lower === 'of' && /ing$/.test(t.lower))) &&
      k < hit.first
    )
      continue;
    const lemma = t.lemma;
    // "called on Iraq to expel", "called for talks": a demand, whose content has not happened
    const callFor = lemma === 'call' && /^(?:on|for|upon)$/.test(toks[k + 1]?.lower ?? '');
    if (callFor || DEMAND.has(lemma)) return demanded(toks, k + (callFor ? 2 : 1), hit) ? 'hypothetical' : undefined;
    const particle = PARTICLE[lemma];
    if (particle && toks[k + 1]?.lower !== particle) return undefined;
    const between = toks.slice(k + (particle ? 2 : 1), hit.first).map((x) => x.lower);
    // the governor reaches its object, not a prepositional phrase: "dropped from the letter" is about the letter's text
    if (between.some((w, i) => w !== 'of' && !(w === 'to' && i === 0) && PREPOSITIONS.has(w))) return undefined;
    const complement =
      between[0] === 'to' ||
      between[0] === 'that' ||
      between.includes('that') ||
      (/ing$/.test(toks[hit.first]!.lower) && between.length === 0);
    // "dropped two bombs" delivers the attack; "dropped the plan" undoes it
    if (lemma === 'drop' && hit.type === 'AttackCarriedOut') return undefined;
    if (CANCEL.has(lemma) && !(lemma === 'call' && !particle) && undone(toks, k, s.first)) return 'asserted';
    if (CANCEL.has(lemma)) return lemma === 'call' && !particle ? undefined : 'negated';
    if (DENY.has(lemma)) {
      if (particle === undefined && PARTICLE[lemma]) return undefined;
      return complement || DENIABLE_OBJECT.has(hit.type) ? 'negated' : undefined;
    }
    if (THREAT.has(lemma) || CONSIDER.has(lemma)) return 'hypothetical';
    if (POSTPONE.has(lemma)) return 'future';
    // "announced troop withdrawals", "announced a visit": what is announced is still to come
    // ("announced sanctions" imposes them: not these types)
    if (ANNOUNCE.has(lemma) && ANNOUNCED_LATER.has(hit.type) && !/ing$/.test(toks[hit.first]!.lower)) return 'future';
    return undefined;
  }
  return undefined;
}
