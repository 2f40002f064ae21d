// Who did it to whom: agent and target mentions for one trigger, by the
// sentence's shape rather than a parser (phrases.ts, subject.ts): passives
// ("killed ... by a U.S. airstrike", the headline's "X killed in US attack"),
// modifiers of a nominal trigger ("Washington-directed airstrike", "Iraq-US
// talks", "Qaani's visit", "X's killing" = X the victim), light verbs ("sent a
// letter", "received aid from X" = X the giver), the subject by clause shape,
// the object or a type's prepositions to the right; "in (eastern) X" is a place.
import { EVENT_TYPES, type EventType } from '#domain';
import type { Mention } from '../actors/mention.js';
import type { Analysis } from '../sentences/tokens.js';
import type { TriggerHit } from '../triggers/find-triggers.js';
import { frameOf, PLACE_FALLBACK, PLACE_TARGETS, targetPreps } from './frames.js';
import {
  afterVerbGroup,
  headMention,
  isVerb,
  phraseEndingAt,
  phraseStartingAt,
  PREPOSITIONS,
  SentenceView,
  SUBORDINATORS,
} from './phrases.js';
import {
  attackInVerbPhrase,
  attackNounSubject,
  fromPhrase,
  governingPreposition,
  inAttackBy,
  isLocativeMention,
  nearestLeftActor,
  nonAgentSubject,
} from './constructions.js';
import { coordinatedRight, heads, objectAt, speakerOf, subjectAfterOpening, subjectAt } from './subject.js';

export interface Arguments {
  agent: Mention[];
  target: Mention[];
  /** A place mention the event happened in or went to. */
  place?: Mention;
  /** A nominal trigger with its own actors ("the attacks targeting X", "the US sanctions"): no anaphor. */
  ownArguments: boolean;
  /** No event after all: the verb's subject is a force of nature or a market ("the quake killed"), a guest is a team. */
  noEvent?: boolean;
}

const BE = new Set(['be', 'get', 'got', 'is', 'was', 'were', 'been', 'being', 'are']);
const THIRD_PARTY = new Set([
  'host',
  'mediate',
  'broker',
  'arrange',
  'sponsor',
  'facilitate',
  'organize',
  'organise',
  'attend',
]);
const POSS_PRONOUN = new Set(['its', 'his', 'her', 'their']);
const CLAUSE_STOP = new Set([';', ':', '—', '–', '"', '(', ')']);
/** Headline words after a reduced passive: "X killed in US attack", "X killed by ...". */
const REDUCED_PASSIVE_NEXT = new Set(['in', 'by', 'during', 'at', 'near', 'after', 'as', 'on', 'amid', ',', '']);
/** Types whose verbs take an object, so a headline's bare participle can be passive. */
const REDUCED_PASSIVE_TYPES = new Set<EventType>([
  'AttackCarriedOut',
  'SanctionsImposed',
  'AccusationMade',
  'ThreatIssued',
  'WaiverGranted',
  'RejectionIssued',
  'DemandIssued',
]);
const SPEECH_ACTS = new Set<EventType>(['DemandIssued', 'ThreatIssued', 'AccusationMade', 'RejectionIssued']);
/** Verbs of deciding whose prepositional object is the measure decided: "agreed on sanctions". */
const DECIDE = new Set(['agree', 'decide', 'vote', 'settle']);
/** Prepositions of what an event is about, not who takes part in it. */
const ABOUT = new Set(['against', 'on', 'over', 'about', 'for', 'to', 'toward', 'towards', 'into']);
const DEFINITE = /^(?:the|this|that|these|those)$/;

/** Mentions that are objects of a locative preposition: "in (eastern) Ukraine", "near the capital Kyiv". */
function isPlace(v: SentenceView, m: Mention, type: EventType): boolean {
  return !PLACE_TARGETS.has(type) && isLocative(v, m);
}

function isLocative(v: SentenceView, m: Mention): boolean {
  return isLocativeMention(v.a, m);
}

export function assignArguments(a: Analysis, hit: TriggerHit, inSentence: Mention[]): Arguments {
  const v = new SentenceView(a, a.sentences[hit.sentence]!, inSentence);
  const toks = a.tokens;
  const s = v.s;
  const head = toks[hit.head]!;
  const frame = frameOf(hit, head.lower);
  // wink tags some verbs as nouns ("neither seeks nor requests"): a coordinated verb is a verb
  const coordinatedVerb = toks[hit.first - 1]?.pos === 'CCONJ' && isVerb(toks[hit.first - 2]);
  // "Soleimani's killing", "the bombing": a gerund after a possessive or determiner is a noun
  const gerundNoun =
    /ing$/.test(head.lower) && (v.lower(hit.first - 1) === "'s" || v.tok(hit.first - 1)?.pos === 'DET');
  const verbal =
    !gerundNoun && (isVerb(head) || (/(?:ed|ing)$/.test(head.lower) && head.pos !== 'NOUN') || coordinatedVerb);
  const prevTok = v.tok(hit.first - 1);
  const beBefore =
    prevTok !== undefined && (BE.has(prevTok.lower) || (BE.has(v.lower(hit.first - 2)) && prevTok.pos === 'ADV'));
  const edForm =
    /ed$/.test(head.lower) || /^(?:hit|shot|struck|slain|beaten|sent|held|met|signed|cut|made|given)$/.test(head.lower);
  // "X killed in US attack": a headline drops the auxiliary of its passives
  const reduced =
    verbal &&
    edForm &&
    !beBefore &&
    REDUCED_PASSIVE_TYPES.has(hit.type) &&
    (s.headline || s.caption) &&
    REDUCED_PASSIVE_NEXT.has(v.lower(hit.last)) &&
    (v.at.has(hit.first - 1) || /^(?:NOUN|PROPN|ADJ)$/.test(prevTok?.pos ?? ''));
  const passive = verbal && edForm && (beBefore || v.lower(hit.last) === 'by' || reduced);
  const agent: Mention[] = [];
  const target: Mention[] = [];
  const left = inSentence.filter((m) => m.last <= hit.first);

  // "by X" after the trigger: the agent of a passive or of a nominal ("a visit by Qaani").
  let byAgent: Mention[] = [];
  for (let k = hit.last; k < s.last && k < hit.last + 10; k++) {
    const t = toks[k]!;
    if (CLAUSE_STOP.has(t.lower) || (k > hit.last && isVerb(t))) break;
    // "talks hosted by Iraq", "a deal brokered by Oman": a third party, not the agent
    if (isVerb(t) && THIRD_PARTY.has(t.lemma)) break;
    if (t.lower === 'by' || (t.lower === 'under' && !verbal)) {
      const m = inSentence.find((x) => x.first > k && x.first <= k + 6);
      if (m && (t.lower === 'by' || m.entity.kind === 'person')) {
        const p = phraseStartingAt(v, k + 1) ?? { first: m.first, last: m.last };
        const hm = headMention(v, p) ?? m;
        byAgent = [
          hm,
          ...coordinatedRight(v, p)
            .slice(1)
            .map((q) => headMention(v, q)!)
            .filter(Boolean),
        ];
      }
      break;
    }
  }

  // "his part in the assassination": the possessor of a part, role or hand took part
  if (!verbal && byAgent.length === 0) {
    let k = hit.first - 1;
    if (toks[k]?.lower === 'the') k--;
    if (toks[k]?.lower === 'in' && /^(?:part|role|involvement|hand)$/.test(toks[k - 1]?.lower ?? '')) {
      const owner = left.find((m) => m.last === k - 1 || (m.last === k - 2 && m.possessive));
      if (owner) byAgent = [owner];
    }
  }

  // Modifiers of a nominal trigger: "Washington-directed airstrike", "US sanctions", "Iraq-US talks".
  const pre: Mention[] = [];
  if (!verbal) {
    const np = phraseEndingAt(v, hit.first);
    if (np)
      for (const m of v.within(np.first, hit.first))
        if (!(m.via === 'pronoun' && !POSS_PRONOUN.has(v.lower(m.first)))) pre.push(m);
  }

  const preps = targetPreps(hit.type);
  const stopsClause = (k: number): boolean => {
    const w = v.lower(k);
    return CLAUSE_STOP.has(w) || (SUBORDINATORS.has(w) && w !== 'as' && k > hit.last);
  };
  // "attacked a village in (eastern) Ukraine", "a strike on a town near Kyiv": a place attacked is its country's
  const attackedSite = (p: { first: number; last: number }): Mention | undefined => {
    // (a force of nature is no attacker: "the earthquake killed 20 people in Iran" never gets here, nonAgentSubject)
    if (hit.type !== 'AttackCarriedOut' || !/^(?:in|near|inside|outside)$/.test(v.lower(p.last))) return undefined;
    const m = inSentence.find((x) => x.first > p.last && x.first <= p.last + 4 && isLocative(v, x));
    // "Malian troops attacked a village in Mali": its own country's armed forces attack its civilians
    if (m && agent.some((x) => x.entity.country === m.entity.country)) {
      const entity = {
        id: `${m.entity.id}-civilians`,
        name: `civilians in ${m.entity.name}`,
        country: m.entity.country,
        sector: 'CVL' as const,
        kind: 'org' as const,
      };
      return { ...m, entity, sector: 'CVL', via: 'head' };
    }
    return m;
  };
  const objectRight = (from: number, excludeBefore = -1): Mention[] => {
    const ok = (m: Mention): boolean =>
      m.first > excludeBefore &&
      !(m.via === 'pronoun' && POSS_PRONOUN.has(v.lower(m.first))) &&
      !isPlace(v, m, hit.type);
    if (verbal) {
      const at = afterVerbGroup(v, from);
      const direct = objectAt(v, at).filter(ok);
      if (direct.length) return direct;
      const p = phraseStartingAt(v, at);
      const site = p && !headMention(v, p) ? attackedSite(p) : undefined;
      if (site) return [site];
    }
    for (let k = from; k < s.last && k < from + 14; k++) {
      if (stopsClause(k)) break;
      if (preps.includes(v.lower(k))) {
        const p = phraseStartingAt(v, k + 1);
        const got = p ? heads(v, coordinatedRight(v, p)).filter(ok) : [];
        if (got.length) return got;
        const m = inSentence.find((x) => x.first > k && x.first <= k + 4 && ok(x));
        if (m) return [m];
        const site = p && !got.length ? attackedSite(p) : undefined;
        if (site) return [site];
      }
    }
    // a place is the last resort, for types whose target may be a country named as a place
    // "X and Y signed an agreement in Riyadh": both sides are named, the city is where
    const bothSides = EVENT_TYPES[hit.type].symmetric && agent.length >= 2;
    const withPlaces =
      PLACE_FALLBACK.has(hit.type) && !bothSides
        ? inSentence.filter((m) => m.first >= from && m.first > excludeBefore && isPlace(v, m, hit.type))
        : [];
    // both sides of a symmetric event already named: what follows is a third party ("talks hosted by Iraq")
    // a symmetric event's other side is a participant ("a summit of X", "talks in which X took part"),
    // never what a decision is about ("agreed on sanctions against Niger" is no deal with Niger)
    const symmetric = EVENT_TYPES[hit.type].symmetric;
    for (const m of [...inSentence.filter((x) => x.first >= from && ok(x)), ...withPlaces]) {
      if (m.first > from + 15) continue;
      if (symmetric && ABOUT.has(governingPreposition(v, m))) continue;
      let stop = false;
      // the fallback stays in the verb's clause: "denied the report and said Israel attacked"
      for (let k = from; k < m.first; k++)
        if (
          stopsClause(k) ||
          v.lower(k) === ',' ||
          (k > from && isVerb(toks[k]) && toks[k]!.pos === 'VERB' && toks[k - 1]?.value !== '-')
        )
          stop = true;
      if (!stop) return [m];
    }
    return [];
  };

  // A nominal trigger is acted by the subject of its light verb ("sent a letter", "slapped sanctions").
  let lightVerb = -1;
  let receive = false;
  if (!verbal) {
    for (let k = hit.first - 1; k >= s.first && k >= hit.first - 9; k--) {
      const t = toks[k]!;
      // wink tags some past tenses after a name as adjectives ("Washington relaxed some sanctions")
      const taggedAdj =
        t.pos === 'ADJ' && /ed$/.test(t.lower) && v.at.has(k - 1) && frame.light.has(t.lower.replace(/e?d$/, ''));
      if ((isVerb(t) || taggedAdj) && t.value !== '-' && toks[k - 1]?.value !== '-') {
        // "a draft letter", "a strongly worded letter": a participle inside the noun phrase
        const inNp = /(?:ed|ing)$/.test(t.lower) && ['DET', 'ADV', 'ADJ', 'PUNCT'].includes(toks[k - 1]?.pos ?? '');
        const adjectival =
          toks[k - 1]?.pos === 'DET' ||
          toks[k - 1]?.lower === ',' ||
          inNp ||
          (/ing$/.test(t.lower) && k === hit.first - 1);
        const light = frame.light.has(t.lemma) || frame.light.has(t.lower) || taggedAdj;
        if (adjectival && !light) continue;
        if (light) lightVerb = k;
        receive = frame.receive.has(t.lemma);
        break;
      }
      // "called off talks", "ruled out a meeting": the particle belongs to the verb
      if ((t.lower === 'off' || t.lower === 'out') && isVerb(toks[k - 1])) continue;
      // "agreed on sanctions", "voted for sanctions": the decision's makers impose them
      if (/^(?:on|upon|for)$/.test(t.lower) && isVerb(toks[k - 1]) && DECIDE.has(toks[k - 1]!.lemma)) continue;
      // "pledged $7 billion in aid": the amount is the object, the aid its kind
      if (t.lower === 'in' && /^(?:billion|million|bn|m|\d[\d.,]*)$/.test(toks[k - 1]?.lower ?? '')) continue;
      if (PREPOSITIONS.has(t.lower) || CLAUSE_STOP.has(t.lower)) break;
    }
  }

  // a mis-tagged light verb inside the "noun phrase" ends it: its subject is no modifier of the event
  if (lightVerb >= 0) for (let i = pre.length - 1; i >= 0; i--) if (pre[i]!.first < lightVerb) pre.splice(i, 1);
  const possessor = pre.find((m) => m.possessive);
  // "the attacks targeting X", "the talks between X and Y": a definite noun with its own arguments is no anaphor
  const ownArgs =
    !verbal && (preps.includes(v.lower(hit.last)) || /^(?:targeting|against|by|on|between)$/.test(v.lower(hit.last)));
  const anaphor =
    !verbal &&
    pre.length === 0 &&
    byAgent.length === 0 &&
    lightVerb < 0 &&
    DEFINITE.test(v.lower(hit.first - 1)) &&
    !ownArgs;
  if (anaphor) return { agent: [], target: [], place: undefined, ownArguments: false };
  if (passive) {
    agent.push(...byAgent);
    if (agent.length === 0) agent.push(...inAttackBy(v, hit.last));
    target.push(...subjectAt(v, hit.first));
    const after = Math.max(hit.last, ...byAgent.map((m) => m.last));
    // "as requested by X, Y will ...": the request was made of Y
    if (toks[hit.first - 1]?.lower === 'as' && toks[after]?.lower === ',') {
      const y = inSentence.find((m) => m.first > after && m.first <= after + 6);
      if (y) target.splice(0, target.length, y);
    }
    // "were killed when militants ambushed ...": the when-clause's subject did it, it was not hit
    if (target.length === 0 && !(SUBORDINATORS.has(v.lower(after)) && v.lower(after) !== 'that')) {
      target.push(...objectRight(after, after));
    }
  } else if (!verbal && (pre.length || byAgent.length)) {
    const victim = possessor !== undefined && frame.victimNoun; // "Soleimani's killing": the victim
    // "the US reimposed Venezuela oil sanctions": the light verb's subject acts on the modifier
    // ("rejected a US call for a truce": the one reacting to a speech act did not make it)
    const reacting = lightVerb >= 0 && SPEECH_ACTS.has(hit.type) && REACT.has(toks[lightVerb]!.lemma);
    const light =
      lightVerb >= 0 && !possessor && !byAgent.length && !reacting && !EVENT_TYPES[hit.type].symmetric
        ? subjectAt(v, lightVerb)
        : [];
    if (light.length && !light.some((m) => pre.some((x) => x.entity.id === m.entity.id))) agent.push(...light);
    else if (byAgent.length) agent.push(...byAgent);
    // "eased Venezuela oil sanctions": sanctions eased are the modifier's, who eases them is the verb's subject
    else if (!victim && !(hit.type === 'WaiverGranted' && hit.rule.type === 'SanctionsImposed'))
      agent.push(possessor ?? pre[0]!);
    if (victim && !agent.includes(possessor)) target.push(possessor);
    for (const m of pre) if (!agent.includes(m) && !target.includes(m) && m !== possessor) target.push(m);
    if (target.length === 0) target.push(...objectRight(hit.last));
    if (agent.length === 0 && lightVerb >= 0 && !reacting) agent.push(...subjectAt(v, lightVerb));
  } else if (!verbal && hit.type === 'ElectionHeld') {
    target.push(...objectRight(hit.last));
  } else if (!verbal) {
    if (lightVerb >= 0 && receive) {
      // "Iraq received aid from Japan": the subject receives, "from X" gives
      target.push(...subjectAt(v, lightVerb));
      agent.push(...fromPhrase(v, hit.last, inSentence));
    } else if (lightVerb >= 0) {
      agent.push(...subjectAt(v, lightVerb));
      // "sent the Iraqi government a letter": the actor between verb and noun receives it
      const io = inSentence.filter((m) => m.first > lightVerb && m.last <= hit.first);
      if (io.length) target.push(io[io.length - 1]!);
    }
    if (target.length === 0) target.push(...objectRight(hit.last));
    // "struck in coordinated attacks", "arrived in convoys": the verb's subject carries them out
    if (agent.length === 0 && (hit.type === 'AttackCarriedOut' || hit.type === 'ForceMobilized')) {
      agent.push(...attackInVerbPhrase(v, hit.first));
    }
  } else if (hit.type === 'ElectionHeld') {
    // an election is held by the country it is in (repair), not by the clause's subject
  } else if (hit.type === 'AttackCarriedOut' && head.lemma === 'come' && v.lower(hit.first + 1) === 'under') {
    // "X came under fire from Y": X is attacked, Y attacks
    target.push(...subjectAt(v, hit.first));
    agent.push(...fromPhrase(v, hit.last, inSentence).filter((m) => !target.includes(m)));
  } else if (nonAgentSubject(v, hit.first)) {
    return { agent: [], target: [], place: undefined, ownArguments: true, noEvent: true };
  } else {
    agent.push(...subjectAt(v, hit.first));
    // no actor in the subject phrase: the nearest actor before the verb in its clause, not inside a prepositional phrase
    if (agent.length === 0) agent.push(...nearestLeftActor(v, hit.first));
    target.push(...objectRight(hit.last));
    // "Russia's missile assault on Ukraine killed 20": the attack's own actors
    if ((agent.length === 0 || target.length === 0) && hit.type === 'AttackCarriedOut') {
      const by = attackNounSubject(v, hit.first);
      if (agent.length === 0) agent.push(...by.agent);
      if (target.length === 0) target.push(...by.target.filter((m) => !agent.includes(m)));
    }
  }
  // "a withdrawal of US troops from Iraq": the troops' side withdraws
  // "a convoy of Russian troops": the troops' side shows its force
  if (
    !verbal &&
    agent.length === 0 &&
    (hit.type === 'TroopsWithdrawn' || hit.type === 'VisitMade' || hit.type === 'ForceMobilized') &&
    toks[hit.last]?.lower === 'of'
  ) {
    const m = inSentence.find((x) => x.first > hit.last && x.first <= hit.last + 3);
    if (m) {
      agent.push(m);
      const i = target.indexOf(m);
      if (i >= 0) target.splice(i, 1);
      if (target.length === 0) target.push(...objectRight(m.last));
    }
  }

  // "a waiver allowing Iraq to keep buying gas from Iran": the one allowed is the beneficiary
  if (hit.type === 'WaiverGranted') {
    const allowed = beneficiary(v, hit.last);
    if (allowed.length) target.splice(0, target.length, ...allowed.filter((m) => !agent.includes(m)));
  }
  // "X hosted Y", "Y was hosted by X": the guest visits, the host is visited
  if (hit.type === 'VisitMade' && head.lemma === 'host' && verbal) {
    const guests = agent.splice(0, agent.length, ...target);
    target.splice(0, target.length, ...guests);
    // a state "hosting" a state is a match or a tournament ("Saudi Arabia hosted Argentina"); officials visit
    // ("an Iranian delegation" is a group of officials: named by a demonym, not by the country's name)
    if (agent.some((m) => m.entity.kind === 'country' && /^(?:name|alias|capital)$/.test(m.via) && !m.title)) {
      return { agent: [], target: [], place: undefined, ownArguments: true, noEvent: true };
    }
  }
  // "X and Y traded fire", "exchanged strikes": each side attacks the other
  const reciprocal =
    hit.type === 'AttackCarriedOut' &&
    agent.length >= 2 &&
    target.length === 0 &&
    (RECIPROCAL.has(head.lemma) || RECIPROCAL.has(head.lower.replace(/d$/, '')));
  if (reciprocal) target.push(...agent);
  // "During his visit to Kenya, the chancellor met ...": an opening phrase's "his" is the main clause's subject
  // "After meeting X, the premier flew ...": an opening gerund is the main clause's subject's
  const openingGerund =
    hit.first === s.first + 1 &&
    /ing$/.test(head.lower) &&
    /^(?:after|before|while|since|upon|on|when|following)$/.test(v.lower(s.first));
  if (
    !verbal &&
    agent.length === 0 &&
    (openingGerund || (POSS_PRONOUN.has(v.lower(hit.first - 1)) && !v.at.has(hit.first - 1))) &&
    openingPhrase(v, hit.first)
  ) {
    agent.push(...subjectAfterOpening(v, hit.first).filter((m) => !target.includes(m)));
  }
  // "his blood will not go for free, X said": a speech act with no actor of its own is the speaker's
  if (agent.length === 0 && SPEECH_ACTS.has(hit.type)) agent.push(...speakerOf(v).filter((m) => !target.includes(m)));
  // The place: a visit's or withdrawal's target country, else a locative "in X" near the trigger.
  let place: Mention | undefined;
  const tgt = reciprocal ? dedupe(target) : target.filter((m) => !agent.some((x) => x.entity.id === m.entity.id));
  for (const m of tgt) if (m.via === 'capital' || m.entity.kind === 'country') place = m;
  if (!place || !PLACE_TARGETS.has(hit.type)) {
    const loc = inSentence.find((m) => isLocative(v, m) && Math.abs(m.first - hit.head) <= 12);
    if (loc && !PLACE_TARGETS.has(hit.type)) place = loc;
  }
  return {
    agent: dedupe(agent),
    target: tgt,
    place,
    ownArguments: verbal || ownArgs || pre.length > 0 || byAgent.length > 0 || lightVerb >= 0,
  };
}

/** The trigger at `k` is in a sentence-opening phrase with no verb before it ("During his visit to X,"). */
function openingPhrase(v: SentenceView, k: number): boolean {
  for (let j = v.s.first; j < k; j++) if (isVerb(v.tok(j)) || v.lower(j) === ',') return false;
  for (let j = k; j < v.s.last && j < k + 10; j++) if (v.lower(j) === ',') return true;
  return false;
}

/** Verbs of reacting to someone else's demand, threat or accusation. */
const REACT = new Set([
  'reject',
  'refuse',
  'dismiss',
  'deny',
  'ignore',
  'heed',
  'welcome',
  'accept',
  'answer',
  'defy',
  'brush',
  'rebuff',
  'spurn',
  'decline',
]);
const RECIPROCAL = new Set(['trade', 'exchange', 'swap']);
const ALLOW = new Set(['allow', 'permit', 'let', 'enable', 'authorize', 'authorise']);

/** "(that) allows X to", "permitting X to" after a waiver: X. */
function beneficiary(v: SentenceView, from: number): Mention[] {
  for (let k = from; k < v.s.last && k < from + 8; k++) {
    const t = v.tok(k)!;
    if (/^[;:(]$/.test(t.lower)) break;
    if (!ALLOW.has(t.lemma) || v.at.has(k)) continue;
    const p = phraseStartingAt(v, k + 1);
    if (p && v.lower(p.last) === 'to' && headMention(v, p)) return heads(v, coordinatedRight(v, p));
    return [];
  }
  return [];
}

function dedupe(ms: Mention[]): Mention[] {
  const seen = new Set<string>();
  return ms.filter((m) => (seen.has(m.entity.id) ? false : (seen.add(m.entity.id), true)));
}
