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

const BE = new Set(['be', 'get', 'is', 'was', 'were', 'been', 'being', 'are', 'has', 'have', 'had']);
const PREPS = new Set(['of', 'in', 'to', 'from', 'with', 'at', 'against', 'on', 'for', 'by', 'into', 'near', 'inside', 'over', 'about', 'between', 'under', 'than', 'toward', 'towards', 'like', 'through']);
const CLAUSE_STOP = new Set([';', ':', '—', '–', '"', '(', ')']);

/** Prepositions that introduce the target, by type. */
function targetPreps(type: EventType): string[] {
  switch (type) {
    case 'TalksStarted':
    case 'MeetingHeld':
    case 'AgreementReached':
      return ['with', 'between', 'and'];
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
      return ['of', 'from'];
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
  const verbal = isVerb(head) || (/(?:ed|ing)$/.test(head.lower) && head.pos !== 'NOUN');
  const prevTok = toks[hit.first - 1];
  const passive = verbal && /ed$/.test(head.lower) && prevTok !== undefined && (BE.has(prevTok.lower) || (toks[hit.first - 2] !== undefined && BE.has(toks[hit.first - 2]!.lower) && prevTok.pos === 'ADV'));
  const agent: Mention[] = [];
  const target: Mention[] = [];
  const right = inSentence.filter((m) => m.first >= hit.last);
  const left = inSentence.filter((m) => m.last <= hit.first);

  // "by X" after the trigger: the agent of a passive or of a nominal ("a visit by Qaani").
  let byAgent: Mention | undefined;
  for (let k = hit.last; k < s.last && k < hit.last + 10; k++) {
    const t = toks[k]!;
    if (CLAUSE_STOP.has(t.lower)) break;
    if (t.lower === 'by') {
      const idx = inSentence.findIndex((m) => m.first > k && m.first <= k + 6);
      if (idx >= 0) byAgent = headOf(phraseFrom(inSentence, idx, toks, 1));
      break;
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
        if (tk.lower === ',' || PREPS.has(tk.lower) || tk.lower === 'and' || tk.lower === 'that' || (isVerb(tk) && toks[t - 1]?.lower !== '-')) ok = false;
      }
      if (!ok) break;
      pre.unshift(m);
    }
  }

  // The subject: nearest actor to the left, skipping a ", apposition ," right before the verb
  // and actors that are objects of a preposition when a bare one stands further left.
  const subject = (): Mention[] => {
    let limit = hit.first;
    let k = hit.first - 1;
    while (k > s.first && (toks[k]!.pos === 'AUX' || toks[k]!.pos === 'ADV' || toks[k]!.pos === 'PART' || BE.has(toks[k]!.lower))) k--;
    if (toks[k]?.lower === ',') {
      let j = k - 1;
      while (j > s.first && toks[j]!.lower !== ',') j--;
      if (j > s.first) limit = j;
    }
    const cands = left.filter((m) => m.last <= limit);
    if (cands.length === 0) return [];
    let pick = cands.length - 1;
    for (let i = cands.length - 1; i >= 0; i--) {
      const before = toks[cands[i]!.first - 1];
      const bb = toks[cands[i]!.first - 2];
      const prepped = (before && PREPS.has(before.lower)) || (before?.lower === 'the' && bb && PREPS.has(bb.lower));
      if (!prepped) {
        pick = i;
        break;
      }
    }
    const phrase = phraseFrom(cands, pick, toks, -1);
    return [headOf(phrase)];
  };

  // The target: a type's preposition then an actor, else the direct object.
  const preps = targetPreps(hit.type);
  const objectRight = (): Mention[] => {
    for (let k = hit.last; k < s.last && k < hit.last + 14; k++) {
      const t = toks[k]!;
      if (CLAUSE_STOP.has(t.lower)) break;
      if (preps.includes(t.lower)) {
        const idx = inSentence.findIndex((m) => m.first > k && m.first <= k + 4);
        if (idx >= 0) return withCoordinated(inSentence, idx, toks);
      }
    }
    if (right.length && right[0]!.first <= hit.last + 3) {
      const between = toks.slice(hit.last, right[0]!.first);
      if (!between.some((t) => PREPS.has(t.lower) && t.lower !== 'of' || t.lower === ',')) return withCoordinated(inSentence, inSentence.indexOf(right[0]!), toks);
    }
    return [];
  };

  const possessor = pre.find((m) => m.possessive);
  if (passive) {
    if (byAgent) agent.push(byAgent);
    target.push(...subject());
  } else if (!verbal && (pre.length || byAgent)) {
    if (byAgent) agent.push(byAgent);
    else agent.push(possessor ?? pre[0]!);
    for (const m of pre) if (!agent.includes(m) && m !== possessor) target.push(m);
    if (target.length === 0) target.push(...objectRight());
  } else {
    agent.push(...subject());
    target.push(...objectRight());
  }
  if (agent.length === 0 && byAgent) agent.push(byAgent);

  // A visit's target is the country of the place visited.
  let place: Mention | undefined;
  const tgt = target.filter((m) => !agent.some((x) => x.entity.id === m.entity.id));
  for (const m of tgt) if (m.via === 'capital' || m.entity.kind === 'country') place = m;
  return { agent, target: tgt, place };
}
