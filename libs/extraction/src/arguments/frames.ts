// Argument frames per event type: which prepositions introduce the target, which
// light verbs make their subject the agent of a nominal trigger ("sent a letter"),
// which make it the recipient ("received aid from X"), and which nouns name the
// victim by their possessor ("Soleimani's killing").
import type { EventType } from '#domain';
import { assertNever } from '#domain';
import type { Mention } from '../actors/mention.js';
import type { Analysis, Token } from '../sentences/tokens.js';
import type { TriggerHit } from '../triggers/find-triggers.js';

/** Verbs whose object noun is the event and whose subject is its agent. */
const LIGHT = new Set([
  'send',
  'issue',
  'make',
  'have',
  'hold',
  'launch',
  'carry',
  'conduct',
  'stage',
  'give',
  'deliver',
  'write',
  'impose',
  'slap',
  'grant',
  'permit',
  'extend',
  'renew',
  'provide',
  'sign',
  'reach',
  'pass',
  'adopt',
  'back',
  'approve',
  'announce',
  'order',
  'begin',
  'start',
  'resume',
  'attend',
  'join',
  'put',
  'lead',
  'organize',
  'organise',
  'mount',
  'pay',
  'deploy',
  'file',
  'lodge',
  'level',
  'voice',
  'express',
  'offer',
  'accept',
  'pledge',
  'vote',
  'table',
  'call',
  'open',
  'enter',
  'perform',
  'execute',
  'complete',
  'undertake',
  'press',
  'mistakenly',
  'lift',
  'ease',
  'waive',
  'unveil',
  'fire',
  'step',
  'reimpose',
  'tighten',
  'expand',
  'toughen',
  'broaden',
  'restore',
  // easing sanctions names who eases them: "Washington relaxed some sanctions"
  'relax',
  'loosen',
  'remove',
  'rescind',
  'revoke',
  'repeal',
  'drop',
  // weighing an option names who weighs it: "the EU is weighing new sanctions"
  'weigh',
  'consider',
  'mull',
  'contemplate',
  'debate',
  'discuss',
  'propose',
  'explore',
  'eye',
  // governors that undo the event still name who acted: "Iraq called off talks with Turkey"
  'cancel',
  'scrap',
  'abandon',
  'postpone',
  'suspend',
  'reject',
  'rule',
  'refuse',
  'decline',
  'halt',
  'block',
  'veto',
  'shelve',
  'delay',
  // deciding on a measure: "ECOWAS agreed on sanctions"
  'agree',
  'decide',
  'intensify',
  'escalate',
  'hand',
  'promise',
  'commit',
  'allocate',
  'earmark',
  // repeating a speech act makes it again: "the minister repeated the appeal"
  'repeat',
  'reiterate',
  'renew',
  'echo',
]);
/** Verbs whose subject receives the event's object: "received aid from X", "faces sanctions from X". */
const RECEIVE: Partial<Record<EventType, string[]>> = {
  AidProvided: ['receive', 'get', 'obtain', 'secure', 'win', 'accept', 'seek'],
  LetterSent: ['receive', 'get'],
  WaiverGranted: ['receive', 'get', 'obtain', 'secure', 'win'],
  SanctionsImposed: ['face', 'receive', 'suffer'],
};
/** Nouns whose possessor is the one acted upon: "X's killing", "X's arrest". */
const VICTIM_NOUNS = new Set([
  'killing',
  'assassination',
  'murder',
  'death',
  'execution',
  'beheading',
  'abduction',
  'kidnapping',
  'arrest',
  'detention',
  'capture',
]);

export interface Frame {
  light: Set<string>;
  receive: Set<string>;
  victimNoun: boolean;
}

const frames = new Map<EventType, Frame>();

export function frameOf(hit: TriggerHit, headWord: string): Frame {
  let f = frames.get(hit.type);
  if (!f) {
    const receive = new Set(RECEIVE[hit.type] ?? []);
    const light = new Set([...LIGHT, ...receive]);
    f = { light, receive, victimNoun: false };
    frames.set(hit.type, f);
  }
  return hit.type === 'AttackCarriedOut' && VICTIM_NOUNS.has(headWord) ? { ...f, victimNoun: true } : f;
}

/**
 * Types whose target may be the country of a place when nothing else is named in the
 * clause ("imposed sanctions on officials in Iran"): a place never displaces a named target.
 */
export const PLACE_FALLBACK = new Set<EventType>([
  'DemandIssued',
  'ThreatIssued',
  'AccusationMade',
  'RejectionIssued',
  'AgreementReached',
  'AidProvided',
  'WaiverGranted',
  'SanctionsImposed',
  'ResolutionPassed',
  'ForceMobilized',
]);
/** Types whose target is a place: the host of a visit, the country left, where an election is held. */
export const PLACE_TARGETS = new Set<EventType>(['VisitMade', 'TroopsWithdrawn', 'ElectionHeld']);

/** Prepositions that introduce the target, by type. */
export function targetPreps(type: EventType): string[] {
  switch (type) {
    case 'TalksStarted':
    case 'MeetingHeld':
    case 'AgreementReached':
      return ['with', 'between'];
    case 'VisitMade':
      return ['to', 'in', 'into'];
    case 'LetterSent':
      return ['to'];
    case 'DemandIssued':
      return ['on', 'to', 'for'];
    case 'ThreatIssued':
      return ['against', 'to'];
    case 'AccusationMade':
      return ['of', 'against'];
    case 'RejectionIssued':
      return ['from'];
    case 'WaiverGranted':
      return ['for', 'to'];
    case 'SanctionsImposed':
      return ['on', 'against', 'over'];
    case 'AidProvided':
      return ['to', 'for'];
    case 'ProtestHeld':
      return ['against', 'outside', 'at'];
    case 'ForceMobilized':
      return ['into', 'against', 'through', 'near', 'toward'];
    case 'AttackCarriedOut':
      return ['on', 'against', 'of', 'targeting', 'at'];
    case 'TroopsWithdrawn':
      return ['from', 'of'];
    case 'ResolutionPassed':
      return ['to', 'against', 'on'];
    case 'ElectionHeld':
      return ['in'];
    default:
      return assertNever(type, 'event type');
  }
}

/** Verbs that turn aid or supplies into their withdrawal: "suspended aid to X" is a sanction. */
const CUT = new Set([
  'cut',
  'suspend',
  'halt',
  'freeze',
  'withhold',
  'stop',
  'end',
  'slash',
  'block',
  'withdraw',
  'reduce',
  'terminate',
  'curb',
]);
/** Verbs that ease sanctions they govern: "lifted sanctions" grants relief, it imposes nothing. */
const EASE = new Set([
  'lift',
  'ease',
  'relax',
  'loosen',
  'waive',
  'remove',
  'suspend',
  'unfreeze',
  'rescind',
  'revoke',
  'repeal',
  'drop',
]);
const PREP_STOP = new Set(['on', 'against', 'of', 'for', 'by', 'from', 'in', 'to', 'with']);
const ACCORDS = new Set([
  'accord',
  'agreement',
  'deal',
  'treaty',
  'pact',
  'initiative',
  'arrangement',
  'convention',
  'protocol',
  'talks',
  'negotiations',
  'framework',
  'truce',
  'ceasefire',
]);

/**
 * A trigger whose frame makes it another type: aid governed by a cutting verb
 * is a sanction ("suspended financial aid to it"); a withdrawal from an accord
 * is a rejection of it ("withdrew from the nuclear deal"). `at` is the token
 * whose modality the new event takes.
 */
export function retype(a: Analysis, hit: TriggerHit): { type: EventType; at: number } | undefined {
  const toks = a.tokens;
  const s = a.sentences[hit.sentence]!;
  if (hit.type === 'AidProvided') {
    for (let k = hit.first - 1; k >= s.first && k >= hit.first - 8; k--) {
      const t = toks[k]!;
      if (/^[;:,]$/.test(t.lower)) break;
      if (t.pos !== 'VERB') continue;
      return CUT.has(t.lemma) ? { type: 'SanctionsImposed', at: k } : undefined;
    }
  }
  if (hit.type === 'SanctionsImposed') {
    // "lifted sanctions on X", "eased oil sanctions": easing them is a waiver (CAMEO 081/085)
    const head = toks[hit.head]!;
    const eases = (t: Token): boolean => EASE.has(t.lemma) || EASE.has(t.lower.replace(/e?d$/, ''));
    // (the verb's own object must be the sanctions: "suspended cooperation" is itself a sanction)
    const onSanctions = (): boolean => {
      for (let k = hit.last; k < s.last && k < hit.last + 5; k++) {
        if (/^(?:sanction|sanctions|embargo|embargoes|restrictions|blacklisting|measures)$/.test(toks[k]!.lower))
          return true;
        if (PREP_STOP.has(toks[k]!.lower) || /^[;:,]$/.test(toks[k]!.lower)) return false;
      }
      return false;
    };
    if (head.pos === 'VERB' && eases(head) && onSanctions()) return { type: 'WaiverGranted', at: hit.head };
    for (let k = hit.first - 1; k >= s.first && k >= hit.first - 5; k--) {
      const t = toks[k]!;
      if (/^[;:,]$/.test(t.lower) || PREP_STOP.has(t.lower)) break;
      if (t.pos !== 'VERB' && !(eases(t) && /ed$/.test(t.lower))) continue;
      return eases(t) ? { type: 'WaiverGranted', at: k } : undefined;
    }
  }
  if (hit.type === 'TroopsWithdrawn') {
    for (let k = hit.last; k < s.last && k < hit.last + 3; k++) {
      if (toks[k]!.lower !== 'from') continue;
      for (let j = k + 1; j < s.last && j <= k + 5; j++) {
        const t = toks[j]!;
        if (ACCORDS.has(t.lower) || ACCORDS.has(t.lemma)) return { type: 'RejectionIssued', at: hit.head };
        if (t.pos === 'VERB' || t.lower === ',') break;
      }
    }
  }
  return undefined;
}

/** What "meet" means when its object is one of these: fulfilling, not meeting ("met the conditions"). */
const FULFIL = new Set([
  'demand',
  'demands',
  'condition',
  'conditions',
  'promise',
  'promises',
  'commitment',
  'commitments',
  'deadline',
  'target',
  'targets',
  'requirement',
  'requirements',
  'obligation',
  'obligations',
  'need',
  'needs',
  'expectation',
  'expectations',
  'standard',
  'standards',
  'criteria',
  'goal',
  'goals',
  'quota',
  'others',
  'terms',
  'costs',
  'challenge',
]);
/** What a troop withdrawal withdraws. */
const TROOP_NOUNS = new Set([
  'troop',
  'troops',
  'force',
  'forces',
  'soldier',
  'soldiers',
  'military',
  'personnel',
  'presence',
  'unit',
  'units',
  'contingent',
  'contingents',
  'peacekeepers',
  'mission',
  'army',
  'battalion',
  'battalions',
  'brigade',
  'brigades',
  'division',
  'divisions',
  'fighters',
  'marines',
  'warships',
  'ships',
  'jets',
  'aircraft',
  'equipment',
  'weapons',
  'tanks',
  'advisers',
  'advisors',
  'trainers',
  'boots',
]);

function toldToAct(a: Analysis, hit: TriggerHit): boolean {
  const toks = a.tokens;
  const s = a.sentences[hit.sentence]!;
  for (let k = hit.last; k < s.last && k < hit.last + 8; k++) {
    const w = toks[k]!.lower;
    if (w === 'that' || w === ',' || w === ';') return false;
    if (w === 'to') return toks[k + 1]?.pos === 'VERB' || toks[k + 1]?.pos === 'AUX';
  }
  return false;
}

const ATTACK_VERBS = new Set([
  'attack',
  'ambush',
  'target',
  'hit',
  'strike',
  'bomb',
  'shell',
  'raid',
  'assault',
  'fire',
  'intercept',
  'destroy',
]);
const ATTACK_NOUN_FORMS = new Set([
  'attack',
  'attacks',
  'ambush',
  'ambushes',
  'strike',
  'strikes',
  'airstrike',
  'airstrikes',
  'raid',
  'raids',
  'assault',
  'bombing',
  'bombings',
]);

/** The noun at `first` is the object of an attack: "attacked [the] convoys", "an ambush on a convoy". */
function attackedThing(a: Analysis, first: number): boolean {
  const toks = a.tokens;
  const s = a.sentences[toks[first]!.sentence]!;
  let k = first - 1;
  while (k >= s.first && /^(?:DET|ADJ|NUM)$/.test(toks[k]!.pos)) k--;
  const t = toks[k];
  if (!t || k < s.first) return false;
  if (t.pos === 'VERB' && ATTACK_VERBS.has(t.lemma)) return true;
  return /^(?:on|against|at)$/.test(t.lower) && ATTACK_NOUN_FORMS.has(toks[k - 1]?.lower ?? '');
}

/**
 * A trigger whose argument frame says it is not the event: "met the conditions"
 * is no meeting, "withdrew visas" no troop withdrawal, troops "arriving" no visit.
 */
export function frameRejects(a: Analysis, hit: TriggerHit, agent: Mention[]): boolean {
  const toks = a.tokens;
  const s = a.sentences[hit.sentence]!;
  const head = toks[hit.head]!;
  const objectNoun = (): string | undefined => {
    let k = hit.last;
    while (
      (k < s.last && /^(?:DET|ADJ|NUM|ADV|PRON)$/.test(toks[k]!.pos)) ||
      (k < s.last && /^(?:of|some|all|any|most)$/.test(toks[k]!.lower))
    )
      k++;
    let last: string | undefined;
    while (k < s.last && /^(?:NOUN|PROPN)$/.test(toks[k]!.pos)) last = toks[k++]!.lower;
    return last;
  };
  if (hit.type === 'MeetingHeld' && head.pos === 'VERB') {
    const noun = objectNoun();
    if (noun && FULFIL.has(noun)) return true;
  }
  if (hit.type === 'TroopsWithdrawn' && head.pos === 'VERB' && hit.last === hit.first + 1) {
    const noun = objectNoun();
    if (noun && !TROOP_NOUNS.has(noun) && toks[hit.last]?.lower !== 'from') return true;
  }
  // "told Iraq to expel": only "tell" + object + "to" + verb is a demand ("told Reuters that" is not)
  if (hit.type === 'DemandIssued' && head.lemma === 'tell' && !toldToAct(a, hit)) return true;
  // "attacked convoys of the coalition", "an ambush on a convoy": the convoy is a target, not a show of force
  if (hit.type === 'ForceMobilized' && head.pos !== 'VERB' && attackedThing(a, hit.first)) return true;
  if (
    hit.type === 'VisitMade' &&
    agent.length > 0 &&
    agent.every((m) => m.entity.kind !== 'person' && (m.sector === 'MIL' || m.sector === 'REB'))
  )
    return true;
  return false;
}
