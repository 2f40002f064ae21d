// Who did it to whom: agent and target mentions for one trigger, by the
// sentence's shape rather than a parser: passives ("killed ... by a U.S.
// airstrike"), modifiers of a nominal trigger ("Washington-directed airstrike",
// "Iraq-US talks", "Qaani's visit"), the subject to the left (skipping an
// appositive between commas), the object or a type's prepositions to the right.
import type { EventType } from '#domain';
import { assertNever } from '#domain';
import type { Mention } from '../actors/mention.js';
import type { Analysis, Token } from '../sentences/tokens.js';
import type { TriggerHit } from '../triggers/find-triggers.js';

export interface Arguments {
  agent: Mention[];
  target: Mention[];
  /** A place mention the event happened in or went to. */
  place?: Mention;
}

const BE = new Set(['be', 'get', 'got', 'is', 'was', 'were', 'been', 'being', 'are']);
/** Verbs whose object noun is the event and whose subject is its agent: "sent a letter", "slapped sanctions". */
const LIGHT = new Set(['send', 'issue', 'make', 'have', 'hold', 'launch', 'carry', 'conduct', 'stage', 'give', 'deliver', 'write', 'impose', 'slap', 'grant', 'permit', 'extend', 'renew', 'provide', 'sign', 'reach', 'pass', 'adopt', 'back', 'approve', 'announce', 'order', 'begin', 'start', 'resume', 'attend', 'join', 'put', 'lead', 'organize', 'organise', 'mount', 'pay', 'deploy', 'file', 'lodge', 'level', 'voice', 'express', 'offer', 'accept', 'pledge', 'vote', 'table', 'call', 'open', 'enter', 'perform', 'execute', 'complete', 'undertake', 'press', 'make', 'mistakenly', 'lift', 'ease', 'waive', 'approve'])
const PREPS = new Set(['of', 'in', 'to', 'from', 'with', 'at', 'against', 'on', 'for', 'by', 'into', 'near', 'inside', 'over', 'about', 'between', 'under', 'than', 'toward', 'towards', 'like', 'through']);
const THIRD_PARTY = new Set(['host', 'mediate', 'broker', 'arrange', 'sponsor', 'facilitate', 'organize', 'organise', 'attend']);
const PLACE_FALLBACK = new Set<EventType>(['DemandIssued', 'ThreatIssued', 'AccusationMade', 'RejectionIssued', 'AgreementReached', 'AidProvided', 'WaiverGranted', 'SanctionsImposed', 'ResolutionPassed']);
const LOCATIVE = new Set(['in', 'near', 'inside', 'at', 'across', 'throughout', 'outside']);
/** Types whose target is a place: the host of a visit, the country left, where an election is held. */
const PLACE_TARGETS = new Set<EventType>(['VisitMade', 'TroopsWithdrawn', 'ElectionHeld']);
const POSS_PRONOUN = new Set(['its', 'his', 'her', 'their']);
const CLAUSE_STOP = new Set([';', ':', '—', '–', '"', '(', ')']);

/** Prepositions that introduce the target, by type. */
function targetPreps(type: EventType): string[] {
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
      return ['on', 'against', 'of', 'targeting'];
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

function isVerb(t: Token): boolean {
  return t.pos === 'VERB' || t.pos === 'AUX';
}

/** Mentions strung together into one noun phrase ("Iranian Quds Force commander Gen. Qassem Soleimani"). */
function phraseFrom(ms: Mention[], k: number, toks: Token[], dir: 1 | -1): Mention[] {
  const out = [ms[k]!];
  for (let j = k + dir; j >= 0 && j < ms.length; j += dir) {
    const a = dir === 1 ? out[out.length - 1]! : ms[j]!;
    const b = dir === 1 ? ms[j]! : out[0]!;
    const gap = b.first - a.last - (a.possessive ? 1 : 0);
    if (gap < 0 || gap > 2) break;
    let ok = true;
    for (let t = a.last + (a.possessive ? 1 : 0); t < b.first; t++) {
      const tk = toks[t]!;
      if (isVerb(tk) || tk.lower === ',' || tk.lower === 'and' || (PREPS.has(tk.lower) && tk.lower !== 'of')) ok = false;
      // "Iran halt the militias": a determiner not after "of" starts a new noun phrase
      if (tk.pos === 'DET' && toks[t - 1]?.lower !== 'of') ok = false;
    }
    if (!ok) break;
    if (dir === 1) out.push(ms[j]!);
    else out.unshift(ms[j]!);
  }
  return out;
}

/** The actor a noun phrase stands for: its person, else its head (the last mention). */
function headOf(phrase: Mention[]): Mention {
  for (let i = phrase.length - 1; i >= 0; i--) if (phrase[i]!.entity.kind === 'person') return phrase[i]!;
  const last = phrase[phrase.length - 1]!;
  // "Iraq's Popular Mobilization Forces" is the PMF; "the US embassy in Baghdad" stays the US.
  return last;
}

/** "X and Y" after a phrase: coordinated actors share the role. */
function withCoordinated(ms: Mention[], k: number, toks: Token[]): Mention[] {
  const phrase = phraseFrom(ms, k, toks, 1);
  const out = [headOf(phrase)];
  const lastIdx = ms.indexOf(phrase[phrase.length - 1]!);
  const nxt = ms[lastIdx + 1];
  const end = phrase[phrase.length - 1]!;
  if (nxt && toks[end.last]?.lower === 'and' && nxt.first <= end.last + 3) out.push(headOf(phraseFrom(ms, lastIdx + 1, toks, 1)));
  return out;
}

export function assignArguments(a: Analysis, hit: TriggerHit, inSentence: Mention[]): Arguments {
  const toks = a.tokens;
  const s = a.sentences[hit.sentence]!;
  const head = toks[hit.head]!;
  // wink tags some verbs as nouns ("neither seeks nor requests"): a coordinated verb is a verb
  const coordinatedVerb = toks[hit.first - 1]?.pos === 'CCONJ' && toks[hit.first - 2] !== undefined && isVerb(toks[hit.first - 2]!);
  const verbal = isVerb(head) || (/(?:ed|ing)$/.test(head.lower) && head.pos !== 'NOUN') || coordinatedVerb;
  const prevTok = toks[hit.first - 1];
  const passive = verbal && /ed$/.test(head.lower) && ((prevTok !== undefined && (BE.has(prevTok.lower) || (toks[hit.first - 2] !== undefined && BE.has(toks[hit.first - 2]!.lower) && prevTok.pos === 'ADV'))) || toks[hit.last]?.lower === 'by');
  const agent: Mention[] = [];
  const target: Mention[] = [];
  const right = inSentence.filter((m) => m.first >= hit.last);
  const left = inSentence.filter((m) => m.last <= hit.first);

  // "by X" after the trigger: the agent of a passive or of a nominal ("a visit by Qaani").
  let byAgent: Mention | undefined;
  let byRest: Mention[] = [];
  for (let k = hit.last; k < s.last && k < hit.last + 10; k++) {
    const t = toks[k]!;
    if (CLAUSE_STOP.has(t.lower) || (k > hit.last && isVerb(t))) break;
    // "talks hosted by Iraq", "a deal brokered by Oman": a third party, not the agent
    if (isVerb(t) && THIRD_PARTY.has(t.lemma)) break;
    if (t.lower === 'by' || (t.lower === 'under' && !verbal)) {
      const idx = inSentence.findIndex((m) => m.first > k && m.first <= k + 6);
      if (idx >= 0 && (t.lower === 'by' || inSentence[idx]!.entity.kind === 'person')) {
        const all = withCoordinated(inSentence, idx, toks);
        byAgent = all[0];
        byRest = all.slice(1);
      }
      break;
    }
  }

  // "his part in the assassination": the possessor of a part, role or hand took part
  if (!verbal && !byAgent) {
    let k = hit.first - 1;
    if (toks[k]?.lower === 'the') k--;
    if (toks[k]?.lower === 'in' && /^(?:part|role|involvement|hand)$/.test(toks[k - 1]?.lower ?? '')) {
      const owner = left.find((m) => m.last === k - 1 || (m.last === k - 2 && m.possessive));
      if (owner) byAgent = owner;
    }
  }

  // Modifiers of a nominal trigger: "Washington-directed airstrike", "US sanctions", "Iraq-US talks".
  const pre: Mention[] = [];
  if (!verbal) {
    for (let i = left.length - 1; i >= 0; i--) {
      const m = left[i]!;
      const from = pre.length ? pre[0]!.first : hit.first;
      let ok = from - m.last <= 3;
      for (let t = m.last; t < from && ok; t++) {
        const tk = toks[t]!;
        if (tk.lower === ',' || PREPS.has(tk.lower) || tk.lower === 'and' || tk.lower === 'that' || tk.pos === 'DET' || (isVerb(tk) && toks[t - 1]?.lower !== '-')) ok = false;
      }
      if (!ok) break;
      pre.unshift(m);
    }
  }

  // The subject of the verb at `at`: nearest actor to the left, skipping a
  // ", apposition ," right before the verb and actors that are objects of a
  // preposition; a participle (", accusing him") or a second verb ("met X and
  // denied") takes the subject of the main verb.
  const subjectOf = (at: number): Mention[] => {
    let k = at - 1;
    while (k > s.first && (toks[k]!.pos === 'AUX' || toks[k]!.pos === 'ADV' || toks[k]!.pos === 'PART' || BE.has(toks[k]!.lower) || toks[k]!.lower === 'to')) k--;
    const participle = /ing$/.test(toks[at]!.lower) && (toks[k]?.lower === ',' || toks[k]?.lower === 'and');
    let limit = at;
    if (toks[k]?.lower === 'and' && !participle) {
      // "X had a meeting with Y and denied": back to the first verb of the pair
      let j = k - 1;
      while (j > s.first && !isVerb(toks[j]!)) j--;
      while (j > s.first && isVerb(toks[j - 1]!)) j--;
      if (j > s.first) limit = j;
    } else if (toks[k]?.lower === ',' && !participle) {
      let j = k - 1;
      while (j > s.first && toks[j]!.lower !== ',') j--;
      if (j > s.first && left.some((m) => m.last <= j)) limit = j;
    }
    // "announcing that troops would pull out": the subject is inside the that-clause
    let floor = s.first;
    for (let j = limit - 1; j >= s.first; j--) if (toks[j]!.lower === 'that' && toks[j]!.pos !== 'DET') { floor = j; break; }
    const cands = left.filter((m) => m.last <= limit && m.first > floor - (floor === s.first ? 1 : 0));
    if (cands.length === 0) return [];
    const prepped = (m: Mention): boolean => {
      const before = toks[m.first - 1];
      const bb = toks[m.first - 2];
      const bbb = toks[m.first - 3];
      if (!before) return false;
      const isPrep = (t: Token | undefined): boolean => t !== undefined && PREPS.has(t.lower) && t.lower !== 'of';
      return isPrep(before) || (before?.pos === 'DET' || before?.pos === 'ADJ' || before?.pos === 'ADV') && (isPrep(bb) || (bb !== undefined && (bb.pos === 'ADV' || bb.pos === 'ADJ' || bb.pos === 'DET') && isPrep(bbb)));
    };
    let pick = cands.length - 1;
    if (participle) {
      // the main clause's subject: the first bare actor of the sentence
      const i = cands.findIndex((m) => !prepped(m));
      pick = i >= 0 ? i : 0;
    } else {
      for (let i = cands.length - 1; i >= 0; i--) {
        if (!prepped(cands[i]!)) {
          pick = i;
          break;
        }
      }
    }
    const phrase = phraseFrom(cands, pick, toks, -1);
    const out = [headOf(phrase)];
    // "Saudi Arabia and Shiite Iran ... began": both are the subject
    const firstIdx = cands.indexOf(phrase[0]!);
    const prev = cands[firstIdx - 1];
    if (prev && toks[phrase[0]!.first - 1]?.lower === 'and' && prev.last >= phrase[0]!.first - 3) out.unshift(headOf(phraseFrom(cands, firstIdx - 1, toks, -1)));
    return out;
  };

  // The target: the direct object of a verb, else a type's preposition and an actor,
  // else any actor further on in the clause.
  const preps = targetPreps(hit.type);
  const isPlace = (m: Mention): boolean => {
    const before = toks[m.first - 1]?.lower ?? '';
    return (m.via === 'capital' || m.entity.kind === 'country') && LOCATIVE.has(before) && !PLACE_TARGETS.has(hit.type);
  };
  const objectRight = (from: number, excludeBefore = -1): Mention[] => {
    const pool = inSentence.filter((m) => m.first >= from && m.first > excludeBefore && !(m.via === 'pronoun' && POSS_PRONOUN.has(toks[m.first]!.lower)) && !isPlace(m));
    const first = pool[0];
    if (verbal && first && first.first <= from + 2) {
      const between = toks.slice(from, first.first);
      if (!between.some((t) => PREPS.has(t.lower) || t.lower === ',' || t.lower === 'that')) return withCoordinated(inSentence, inSentence.indexOf(first), toks);
    }
    for (let k = from; k < s.last && k < from + 14; k++) {
      const t = toks[k]!;
      if (CLAUSE_STOP.has(t.lower)) break;
      if (preps.includes(t.lower)) {
        const m = pool.find((x) => x.first > k && x.first <= k + 4);
        if (m) return withCoordinated(inSentence, inSentence.indexOf(m), toks);
      }
    }
    // a place is the last resort, for types whose target may be a country named as a place
    const withPlaces = PLACE_FALLBACK.has(hit.type) ? inSentence.filter((m) => m.first >= from && m.first > excludeBefore && isPlace(m)) : [];
    for (const m of [...pool, ...withPlaces]) {
      if (m.first > from + 15) continue;
      let stop = false;
      for (let k = from; k < m.first; k++) if (CLAUSE_STOP.has(toks[k]!.lower) || toks[k]!.lower === ',') stop = true;
      if (!stop) return withCoordinated(inSentence, inSentence.indexOf(m), toks);
    }
    return [];
  };

  // A nominal trigger is acted by the subject of its light verb ("sent a letter", "slapped sanctions").
  let lightVerb = -1;
  if (!verbal) {
    for (let k = hit.first - 1; k >= s.first && k >= hit.first - 9; k--) {
      const t = toks[k]!;
      if (isVerb(t)) {
        // "a draft letter", "a strongly worded letter": a participle inside the noun phrase
        const inNp = /(?:ed|ing)$/.test(t.lower) && ['DET', 'ADV', 'ADJ', 'PUNCT'].includes(toks[k - 1]?.pos ?? '');
        const adjectival = toks[k - 1]?.pos === 'DET' || toks[k - 1]?.lower === ',' || inNp || /ing$/.test(t.lower) && k === hit.first - 1;
        if (adjectival && !LIGHT.has(t.lemma)) continue;
        if (LIGHT.has(t.lemma) || LIGHT.has(t.lower)) lightVerb = k;
        break;
      }
      if (PREPS.has(t.lower) || CLAUSE_STOP.has(t.lower)) break;
    }
  }

  const possessor = pre.find((m) => m.possessive);
  const anaphor = !verbal && pre.length === 0 && !byAgent && lightVerb < 0 && /^(?:the|this|that|these|those)$/.test(toks[hit.first - 1]?.lower ?? '');
  if (anaphor) return { agent: [], target: [], place: undefined };
  if (passive) {
    if (byAgent) agent.push(byAgent, ...byRest);
    target.push(...subjectOf(hit.first));
    const after = Math.max(byAgent ? byAgent.last : hit.last, ...byRest.map((m) => m.last));
    // "as requested by X, Y will ...": the request was made of Y
    if (toks[hit.first - 1]?.lower === 'as' && toks[after]?.lower === ',') {
      const y = inSentence.find((m) => m.first > after && m.first <= after + 6);
      if (y) target.splice(0, target.length, y);
    }
    if (target.length === 0) {
      target.push(...objectRight(after, after));
    }
  } else if (!verbal && (pre.length || byAgent)) {
    if (byAgent) agent.push(byAgent);
    else agent.push(possessor ?? pre[0]!);
    for (const m of pre) if (!agent.includes(m) && m !== possessor) target.push(m);
    if (target.length === 0) target.push(...objectRight(hit.last));
    if (agent.length === 0 && lightVerb >= 0) agent.push(...subjectOf(lightVerb));
  } else if (!verbal) {
    if (lightVerb >= 0) {
      agent.push(...subjectOf(lightVerb));
      // "sent the Iraqi government a letter": the actor between verb and noun receives it
      const io = inSentence.filter((m) => m.first > lightVerb && m.last <= hit.first);
      if (io.length) target.push(headOf(io));
    }
    if (target.length === 0) target.push(...objectRight(hit.last));
  } else {
    agent.push(...subjectOf(hit.first));
    target.push(...objectRight(hit.last));
  }
  if (agent.length === 0 && byAgent) agent.push(byAgent);
  // "a withdrawal of US troops from Iraq": the troops' side withdraws
  if (!verbal && agent.length === 0 && (hit.type === 'TroopsWithdrawn' || hit.type === 'VisitMade') && toks[hit.last]?.lower === 'of') {
    const m = inSentence.find((x) => x.first > hit.last && x.first <= hit.last + 3);
    if (m) {
      agent.push(m);
      const i = target.indexOf(m);
      if (i >= 0) target.splice(i, 1);
      if (target.length === 0) target.push(...objectRight(m.last));
    }
  }

  // A visit's target is the country of the place visited.
  let place: Mention | undefined;
  const tgt = target.filter((m) => !agent.some((x) => x.entity.id === m.entity.id));
  for (const m of tgt) if (m.via === 'capital' || m.entity.kind === 'country') place = m;
  return { agent, target: tgt, place };
}
