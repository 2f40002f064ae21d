// Trigger lexicon: which words, by lemma, announce which event type.
// A word is "=form" to match the exact lower-case form, otherwise its lemma.
// `near` demands one of some lemmas within `window` tokens (after by default),
// for words that announce an event only in company ("sign ... agreement").
import type { EventType } from '#domain';
import type { Frame } from './frames.js';

export interface TriggerRule {
  type: EventType;
  /** Words in a row (a gap of up to `gap` tokens is allowed between them). */
  words: string[];
  gap?: number;
  pos?: 'VERB' | 'NOUN';
  near?: { words: string[]; window: number; side?: 'before' | 'after' | 'both' };
  /** The event is only a trigger as an anaphor of an earlier event of its type ("the message"). */
  anaphorOnly?: boolean;
  /** Negation cues around it belong to the idiom ("will not go for free"), not to the event. */
  keepsNegation?: boolean;
  /** Not when followed by one of these (the "arrest warrant" someone "executed"). */
  notBefore?: string[];
  /** The argument frame an ambiguous trigger needs (frames.ts): "oil prices rallied" has none. */
  frame?: Frame;
  /** Where the rule comes from: our lexicon (absent) or the converted CAMEO patterns. */
  source?: 'cameo';
}

/** A protest needs its protesters or its place: "prices rallied" is markets, not a rally. */
const PROTEST_FRAME: Frame = [['subject'], ['prep:in,outside,at,against,near,across,through,on']];

/** "a sanctions waiver" eases sanctions: the noun after decides. */
export const SANCTION_COMPOUNDS = [
  'waiver',
  'waivers',
  'relief',
  'exemption',
  'exemptions',
  'evasion',
  'regime',
  'exemption',
];
/** What makes a pledge or promise one of aid: an amount of money or a fund (CAMEO's &CURRENCY). */
const PLEDGED_MONEY = ['$', '€', '£', 'billion', 'million', '=bn', 'dollar', 'euro', 'pound', 'fund', 'funding'];
/** "election commitments", "an election deal": the election only qualifies a promise or an accord, none is held. */
const ELECTION_MODIFIED = ['commitment', 'commitments', 'deal', 'deals', 'promise', 'promises', 'pledge', 'pledges'];
const AGREEMENT_NOUNS = ['agreement', 'deal', 'memorandum', 'accord', 'pact', 'treaty', 'truce', 'ceasefire'];
const MILITARY = [
  'military',
  'naval',
  'navy',
  'army',
  'joint',
  'live-fire',
  '=live',
  'combat',
  'air',
  'amphibious',
  'missile',
  'artillery',
  'war',
  'defense',
  'defence',
  'nuclear',
  '=large-scale',
  'warplanes',
  'troops',
  '=fire',
];
const TROOPS = [
  'troop',
  'troops',
  '=troops',
  'force',
  '=forces',
  'soldier',
  'presence',
  'military',
  'member',
  '=members',
];

export const LEXICON: readonly TriggerRule[] = [
  // TalksStarted
  { type: 'TalksStarted', words: ['=talks'] },
  { type: 'TalksStarted', words: ['negotiation'] },
  { type: 'TalksStarted', words: ['=negotiations'] },
  { type: 'TalksStarted', words: ['dialogue'] },
  { type: 'TalksStarted', words: ['negotiate'], pos: 'VERB' },
  {
    type: 'TalksStarted',
    words: ['round'],
    pos: 'NOUN',
    near: {
      words: ['latest', 'third', 'fourth', 'fifth', 'sixth', 'second', 'first', 'new', 'next', 'this', 'last'],
      window: 3,
      side: 'before',
    },
  },
  // MeetingHeld
  { type: 'MeetingHeld', words: ['meet'], pos: 'VERB' },
  { type: 'MeetingHeld', words: ['=met'] },
  { type: 'MeetingHeld', words: ['meeting'] },
  { type: 'MeetingHeld', words: ['=meetings'] },
  { type: 'MeetingHeld', words: ['confer'], pos: 'VERB' },
  {
    type: 'MeetingHeld',
    words: ['call'],
    pos: 'NOUN',
    near: { words: ['phone', 'telephone'], window: 2, side: 'before' },
  },
  { type: 'MeetingHeld', words: ['summit'] },
  // VisitMade
  { type: 'VisitMade', words: ['visit'] },
  { type: 'VisitMade', words: ['arrive'] },
  { type: 'VisitMade', words: ['=arrived'] },
  { type: 'VisitMade', words: ['land'], pos: 'VERB', near: { words: ['in', 'at'], window: 1 } },
  { type: 'VisitMade', words: ['=lands'], near: { words: ['in', 'at'], window: 1 } },
  { type: 'VisitMade', words: ['trip'] },
  // "X hosted Y" is Y's visit to X (CAMEO 043, the host's side of 042): only with an actor as object
  { type: 'VisitMade', words: ['host'], pos: 'VERB', frame: [['object'], ['passiveBy']] },
  { type: 'VisitMade', words: ['travel'], pos: 'VERB', near: { words: ['to'], window: 2 } },
  // "went to Moscow", "headed to Beijing": a trip when a place or party follows
  { type: 'VisitMade', words: ['go', 'to'], pos: 'VERB', frame: [['object']] },
  { type: 'VisitMade', words: ['head', 'to'], pos: 'VERB', frame: [['object']] },
  { type: 'VisitMade', words: ['fly', 'to'], pos: 'VERB', frame: [['object']] },
  // LetterSent
  { type: 'LetterSent', words: ['letter'] },
  { type: 'LetterSent', words: ['missive'] },
  {
    type: 'LetterSent',
    words: ['message'],
    near: {
      words: ['send', '=sent', 'deliver', 'write', 'written', 'word', 'worded', 'hand', 'letter'],
      window: 4,
      side: 'both',
    },
  },
  { type: 'LetterSent', words: ['message'], anaphorOnly: true },
  { type: 'LetterSent', words: ['note'], pos: 'NOUN', anaphorOnly: true },
  { type: 'LetterSent', words: ['draft'], pos: 'NOUN', anaphorOnly: true },
  // AgreementReached
  { type: 'AgreementReached', words: ['agree'], pos: 'VERB' },
  { type: 'AgreementReached', words: ['=agreed'] },
  { type: 'AgreementReached', words: ['sign'], near: { words: AGREEMENT_NOUNS, window: 5 } },
  { type: 'AgreementReached', words: ['reach'], near: { words: AGREEMENT_NOUNS.concat(['understanding']), window: 5 } },
  { type: 'AgreementReached', words: ['strike'], pos: 'VERB', near: { words: ['deal'], window: 3 } },
  { type: 'AgreementReached', words: ['joint', 'statement'] },
  { type: 'AgreementReached', words: ['memorandum'] },
  // DemandIssued
  // "told the Philippines to stop": telling someone to act is a demand (frames.ts wants "to" + a verb after the object)
  { type: 'DemandIssued', words: ['tell'], pos: 'VERB', frame: [['object']] },
  { type: 'DemandIssued', words: ['demand'] },
  { type: 'DemandIssued', words: ['=demands'] },
  { type: 'DemandIssued', words: ['call', 'for'] },
  { type: 'DemandIssued', words: ['=calling', 'for'] },
  { type: 'DemandIssued', words: ['=calls', 'for'] },
  { type: 'DemandIssued', words: ['call', 'on'] },
  { type: 'DemandIssued', words: ['urge'] },
  { type: 'DemandIssued', words: ['ask'], pos: 'VERB', near: { words: ['to'], window: 8 } },
  { type: 'DemandIssued', words: ['=asked'], near: { words: ['to'], window: 8 } },
  { type: 'DemandIssued', words: ['appeal'] },
  { type: 'DemandIssued', words: ['request'] },
  { type: 'DemandIssued', words: ['=requested'] },
  { type: 'DemandIssued', words: ['press', 'for'] },
  { type: 'DemandIssued', words: ['insist'] },
  // ThreatIssued
  { type: 'ThreatIssued', words: ['threaten'] },
  { type: 'ThreatIssued', words: ['=threatened'] },
  { type: 'ThreatIssued', words: ['=threatening'] },
  { type: 'ThreatIssued', words: ['warn'], pos: 'VERB' },
  {
    type: 'ThreatIssued',
    words: ['vow'],
    near: { words: ['revenge', 'retaliation', 'retaliate', 'respond', 'avenge', 'response'], window: 6 },
  },
  { type: 'ThreatIssued', words: ['revenge'] },
  { type: 'ThreatIssued', words: ['avenge'] },
  { type: 'ThreatIssued', words: ['retaliate'] },
  { type: 'ThreatIssued', words: ['put', 'on', 'notice'], gap: 3 },
  { type: 'ThreatIssued', words: ['go', 'for', 'free'], keepsNegation: true },
  { type: 'ThreatIssued', words: ['go', 'unpunished'], keepsNegation: true },
  { type: 'ThreatIssued', words: ['go', 'unanswered'], keepsNegation: true },
  // AccusationMade
  { type: 'AccusationMade', words: ['accuse'] },
  // headline criticism with an actor as object: "Erdogan slams Sweden" (CAMEO 111)
  { type: 'AccusationMade', words: ['slam'], pos: 'VERB', frame: [['object']] },
  { type: 'AccusationMade', words: ['lambaste'], pos: 'VERB', frame: [['object']] },
  { type: 'AccusationMade', words: ['=accusing'] },
  { type: 'AccusationMade', words: ['=accused'] },
  { type: 'AccusationMade', words: ['accusation'] },
  { type: 'AccusationMade', words: ['blame'] },
  { type: 'AccusationMade', words: ['condemn'] },
  { type: 'AccusationMade', words: ['denounce'] },
  // CAMEO 111 "issue/express ... condemnation"
  { type: 'AccusationMade', words: ['condemnation'] },
  { type: 'AccusationMade', words: ['=denouncing'] },
  {
    type: 'AccusationMade',
    words: ['describe'],
    near: {
      words: ['crime', 'terrorism', 'terrorist', 'aggression', 'violation', 'murder', 'criminal', 'assassination'],
      window: 14,
    },
  },
  {
    type: 'AccusationMade',
    words: ['=described'],
    near: {
      words: ['crime', 'terrorism', 'terrorist', 'aggression', 'violation', 'murder', 'criminal', 'assassination'],
      window: 14,
    },
  },
  {
    type: 'AccusationMade',
    words: ['tie'],
    pos: 'VERB',
    near: { words: ['violation', 'abuse', 'crime', 'attack', 'killing', 'corruption', 'terrorism'], window: 6 },
  },
  {
    type: 'AccusationMade',
    words: ['=tying'],
    near: {
      words: ['violation', '=violations', 'abuse', 'crime', 'attack', 'killing', 'corruption', 'terrorism'],
      window: 6,
    },
  },
  // RejectionIssued
  { type: 'RejectionIssued', words: ['reject'] },
  { type: 'RejectionIssued', words: ['refuse'] },
  { type: 'RejectionIssued', words: ['deny'] },
  { type: 'RejectionIssued', words: ['=denied'] },
  { type: 'RejectionIssued', words: ['denial'] },
  { type: 'RejectionIssued', words: ['dismiss'], pos: 'VERB' },
  { type: 'RejectionIssued', words: ['rebuff'] },
  { type: 'RejectionIssued', words: ['rule', 'out'] },
  { type: 'RejectionIssued', words: ['decline', 'to'], pos: 'VERB' },
  // WaiverGranted
  { type: 'WaiverGranted', words: ['waiver'] },
  { type: 'WaiverGranted', words: ['exemption'] },
  { type: 'WaiverGranted', words: ['unfreeze'] },
  // "sanctions relief": easing them (CAMEO 085), the noun after decides (SANCTION_COMPOUNDS)
  { type: 'WaiverGranted', words: ['=sanctions', 'relief'] },
  { type: 'WaiverGranted', words: ['=sanction', 'relief'] },
  {
    type: 'WaiverGranted',
    words: ['release'],
    near: { words: ['fund', '=funds', 'asset', '=assets', 'money'], window: 4 },
  },
  // SanctionsImposed
  { type: 'SanctionsImposed', words: ['sanction'], notBefore: SANCTION_COMPOUNDS },
  { type: 'SanctionsImposed', words: ['=sanctions'], notBefore: SANCTION_COMPOUNDS },
  { type: 'SanctionsImposed', words: ['blacklist'] },
  { type: 'SanctionsImposed', words: ['=blacklists'] },
  { type: 'SanctionsImposed', words: ['=blacklisted'] },
  { type: 'SanctionsImposed', words: ['embargo'] },
  { type: 'SanctionsImposed', words: ['designate'], pos: 'VERB' },
  {
    type: 'SanctionsImposed',
    words: ['freeze'],
    near: { words: ['asset', '=assets', 'fund', '=funds', 'account'], window: 4, side: 'both' },
  },
  // AidProvided
  { type: 'AidProvided', words: ['aid'], pos: 'NOUN' },
  { type: 'AidProvided', words: ['assistance'] },
  { type: 'AidProvided', words: ['donate'] },
  { type: 'AidProvided', words: ['donation'] },
  // CAMEO 0331-0333 "pledge/promise * &CURRENCY, fund, aid": money pledged is aid (the catalog's "given or pledged")
  {
    type: 'AidProvided',
    words: ['pledge'],
    near: { words: PLEDGED_MONEY, window: 5 },
  },
  // ProtestHeld
  { type: 'ProtestHeld', words: ['protest'] },
  { type: 'ProtestHeld', words: ['=protests'] },
  { type: 'ProtestHeld', words: ['demonstration'] },
  { type: 'ProtestHeld', words: ['=demonstrations'] },
  { type: 'ProtestHeld', words: ['rally'], pos: 'VERB', frame: PROTEST_FRAME },
  { type: 'ProtestHeld', words: ['rally'], pos: 'NOUN', frame: PROTEST_FRAME },
  { type: 'ProtestHeld', words: ['riot'] },
  { type: 'ProtestHeld', words: ['sit-in'] },
  { type: 'ProtestHeld', words: ['hunger', 'strike'] },
  { type: 'ProtestHeld', words: ['chant'] },
  // ForceMobilized
  { type: 'ForceMobilized', words: ['convoy'] },
  { type: 'ForceMobilized', words: ['parade'] },
  { type: 'ForceMobilized', words: ['deploy'] },
  { type: 'ForceMobilized', words: ['deployment'] },
  { type: 'ForceMobilized', words: ['mobilize'], pos: 'VERB' },
  { type: 'ForceMobilized', words: ['surround'], pos: 'VERB' },
  { type: 'ForceMobilized', words: ['=surrounded'] },
  { type: 'ForceMobilized', words: ['force', 'way'], gap: 2 },
  { type: 'ForceMobilized', words: ['=forced', 'way'], gap: 2 },
  { type: 'ForceMobilized', words: ['show', 'of', 'force'] },
  // military drills and exercises are shows of force (CAMEO 150); "exercise of power" and oil drills are not
  { type: 'ForceMobilized', words: ['drill'], pos: 'NOUN', near: { words: MILITARY, window: 3, side: 'before' } },
  { type: 'ForceMobilized', words: ['exercise'], pos: 'NOUN', near: { words: MILITARY, window: 3, side: 'before' } },
  { type: 'ForceMobilized', words: ['war', 'game'] },
  { type: 'ForceMobilized', words: ['dispatch'], near: { words: TROOPS, window: 3 } },
  { type: 'ForceMobilized', words: ['=dispatched'], near: { words: TROOPS, window: 3 } },
  // "would send troops to Niger", "sent 2,000 soldiers": a deployment (CAMEO 154), not a letter
  { type: 'ForceMobilized', words: ['send'], pos: 'VERB', near: { words: TROOPS, window: 3 } },
  { type: 'ForceMobilized', words: ['=sent'], near: { words: TROOPS, window: 3 } },
  // AttackCarriedOut
  // "came under fire/attack from X": the subject is attacked, "from X" attacks (arguments/assign.ts)
  { type: 'AttackCarriedOut', words: ['come', 'under', 'fire'] },
  { type: 'AttackCarriedOut', words: ['come', 'under', 'attack'] },
  { type: 'AttackCarriedOut', words: ['=came', 'under', 'fire'] },
  { type: 'AttackCarriedOut', words: ['=came', 'under', 'attack'] },
  { type: 'AttackCarriedOut', words: ['attack'] },
  { type: 'AttackCarriedOut', words: ['=attacks'] },
  { type: 'AttackCarriedOut', words: ['=attacked'] },
  { type: 'AttackCarriedOut', words: ['airstrike'] },
  { type: 'AttackCarriedOut', words: ['=airstrikes'] },
  { type: 'AttackCarriedOut', words: ['air', 'strike'] },
  { type: 'AttackCarriedOut', words: ['drone', 'strike'] },
  { type: 'AttackCarriedOut', words: ['missile', 'strike'] },
  // "a strike on Damascus", "strikes against militants"; a hunger or general strike has no target
  { type: 'AttackCarriedOut', words: ['strike'], pos: 'NOUN', frame: [['prep:on,against']], notBefore: ['action'] },
  { type: 'AttackCarriedOut', words: ['bombing'] },
  { type: 'AttackCarriedOut', words: ['bomb'], pos: 'VERB' },
  { type: 'AttackCarriedOut', words: ['kill'] },
  { type: 'AttackCarriedOut', words: ['=killed'] },
  { type: 'AttackCarriedOut', words: ['killing'] },
  { type: 'AttackCarriedOut', words: ['assassinate'] },
  { type: 'AttackCarriedOut', words: ['=assassinated'] },
  { type: 'AttackCarriedOut', words: ['assassination'] },
  { type: 'AttackCarriedOut', words: ['shelling'] },
  { type: 'AttackCarriedOut', words: ['invasion'] },
  { type: 'AttackCarriedOut', words: ['invade'] },
  { type: 'AttackCarriedOut', words: ['behead'] },
  { type: 'AttackCarriedOut', words: ['=beheaded'] },
  { type: 'AttackCarriedOut', words: ['execute'], notBefore: ['warrant', 'order', 'plan', 'arrest'] },
  { type: 'AttackCarriedOut', words: ['=executed'], notBefore: ['warrant', 'order', 'plan', 'arrest', 'an', 'the'] },
  // TroopsWithdrawn
  { type: 'TroopsWithdrawn', words: ['withdraw'] },
  { type: 'TroopsWithdrawn', words: ['=withdrew'] },
  { type: 'TroopsWithdrawn', words: ['withdrawal'] },
  { type: 'TroopsWithdrawn', words: ['pull', 'out'], gap: 4 },
  { type: 'TroopsWithdrawn', words: ['=pulled', 'out'], gap: 4 },
  { type: 'TroopsWithdrawn', words: ['pull', 'back'], gap: 4 },
  { type: 'TroopsWithdrawn', words: ['=pulled', 'back'], gap: 4 },
  { type: 'TroopsWithdrawn', words: ['draw', 'down'], gap: 2 },
  { type: 'TroopsWithdrawn', words: ['=drawing', 'down'], gap: 2 },
  { type: 'TroopsWithdrawn', words: ['drawdown'] },
  { type: 'TroopsWithdrawn', words: ['scale', 'down'], gap: 2 },
  { type: 'TroopsWithdrawn', words: ['reposition'], near: { words: TROOPS, window: 3 } },
  { type: 'TroopsWithdrawn', words: ['=repositioning'], near: { words: TROOPS, window: 3 } },
  { type: 'TroopsWithdrawn', words: ['cut'], near: { words: TROOPS, window: 3 } },
  { type: 'TroopsWithdrawn', words: ['reduce'], near: { words: TROOPS, window: 3 } },
  { type: 'TroopsWithdrawn', words: ['departure'] },
  // ResolutionPassed
  {
    type: 'ResolutionPassed',
    words: ['vote'],
    near: {
      words: ['resolution', 'bill', 'law', 'force', 'throw', 'expel', 'end', 'approve', 'motion', 'measure'],
      window: 6,
      side: 'both',
    },
  },
  {
    type: 'ResolutionPassed',
    words: ['=voted'],
    near: {
      words: ['resolution', 'bill', 'law', 'force', 'throw', 'expel', 'end', 'approve', 'motion', 'measure'],
      window: 6,
      side: 'both',
    },
  },
  { type: 'ResolutionPassed', words: ['=vote'], anaphorOnly: true },
  {
    type: 'ResolutionPassed',
    words: ['resolution'],
    near: {
      words: ['pass', '=passed', 'back', '=backed', 'adopt', 'approve', 'support', '=supported', 'vote', '=voted'],
      window: 4,
      side: 'before',
    },
  },
  {
    type: 'ResolutionPassed',
    words: ['pass'],
    pos: 'VERB',
    near: { words: ['law', 'bill', 'resolution', 'budget', 'motion'], window: 4 },
  },
  {
    type: 'ResolutionPassed',
    words: ['approve'],
    near: { words: ['law', 'bill', 'resolution', 'budget', 'motion'], window: 4 },
  },
  // ElectionHeld
  { type: 'ElectionHeld', words: ['election'], notBefore: ELECTION_MODIFIED },
  { type: 'ElectionHeld', words: ['=elections'], notBefore: ELECTION_MODIFIED },
  {
    type: 'ElectionHeld',
    words: ['=polls'],
    near: { words: ['vote', 'election', 'parliamentary', 'presidential', 'early'], window: 3, side: 'both' },
  },
];
