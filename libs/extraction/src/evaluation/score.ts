// Scoring exactly as shared/spec/event-catalog.md says: a coded event matches a
// gold event when the type is equal, one of its evidence ranges overlaps an
// occurrence of one of the gold phrases, and the agent and target countries
// each share one with the gold's where the gold names them (symmetric types:
// both sides together). Matching is one-to-one (maximum bipartite matching,
// required gold first); a coded event matching only an optional gold event is
// neither right nor wrong; a second coded event for an already matched gold
// event is a duplicate and counts against precision.
import { EVENT_TYPES, type CodedEvent, type EventType } from '#domain';
import { overlaps } from '../dates/calendar.js';
import type { GoldEvent } from './gold.js';

export interface ArticleScore {
  /** Matched required gold events: [coded index, gold index]. */
  matched: Array<[number, number]>;
  /** Coded events matched to optional gold. */
  optional: number[];
  /** Coded events that are a second event for a matched gold event. */
  duplicates: number[];
  /** Coded events matching nothing. */
  falsePositives: number[];
  /** Required gold events nobody matched. */
  missed: number[];
}

function occurrences(text: string, phrase: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (!phrase) return out;
  for (let i = text.indexOf(phrase); i >= 0; i = text.indexOf(phrase, i + 1)) out.push([i, i + phrase.length]);
  return out;
}

function shareCountry(a: { country: string }[], b: { country: string }[]): boolean {
  if (b.length === 0) return true; // gold names none: no constraint
  const s = new Set(a.map((x) => x.country));
  return b.some((x) => s.has(x.country));
}

export function matches(text: string, e: CodedEvent, g: GoldEvent): boolean {
  if (e.type !== g.type) return false;
  const ranges = g.evidence.flatMap((p) => occurrences(text, p));
  if (!e.evidence.some((ev) => ranges.some(([s, t]) => ev.start < t && s < ev.end))) return false;
  if (EVENT_TYPES[g.type].symmetric) return shareCountry([...e.agent, ...e.target], [...g.agent, ...g.target]);
  return shareCountry(e.agent, g.agent) && shareCountry(e.target, g.target);
}

/** Maximum bipartite matching by augmenting paths (the graphs are tiny). */
function maxMatching(edges: number[][], nRight: number): Int32Array {
  const rightTo = new Int32Array(nRight).fill(-1);
  const tryLeft = (l: number, seen: Uint8Array): boolean => {
    for (const r of edges[l]!) {
      if (seen[r]) continue;
      seen[r] = 1;
      if (rightTo[r]! < 0 || tryLeft(rightTo[r]!, seen)) {
        rightTo[r] = l;
        return true;
      }
    }
    return false;
  };
  for (let l = 0; l < edges.length; l++) tryLeft(l, new Uint8Array(nRight));
  return rightTo;
}

export function scoreArticle(text: string, coded: CodedEvent[], gold: GoldEvent[]): ArticleScore {
  const req = gold.map((g, i) => ({ g, i })).filter((x) => x.g.required);
  const opt = gold.map((g, i) => ({ g, i })).filter((x) => !x.g.required);
  const edgesReq = coded.map((e) => req.map((x, k) => (matches(text, e, x.g) ? k : -1)).filter((k) => k >= 0));
  const reqTo = maxMatching(edgesReq, req.length);
  const used = new Set<number>();
  const matched: Array<[number, number]> = [];
  reqTo.forEach((c, k) => {
    if (c >= 0) {
      matched.push([c, req[k]!.i]);
      used.add(c);
    }
  });
  const rest = coded.map((_, c) => c).filter((c) => !used.has(c));
  const edgesOpt = rest.map((c) => opt.map((x, k) => (matches(text, coded[c]!, x.g) ? k : -1)).filter((k) => k >= 0));
  const optTo = maxMatching(edgesOpt, opt.length);
  const optional: number[] = [];
  optTo.forEach((l) => {
    if (l >= 0) {
      optional.push(rest[l]!);
      used.add(rest[l]!);
    }
  });
  const duplicates: number[] = [];
  const falsePositives: number[] = [];
  for (const c of rest) {
    if (used.has(c)) continue;
    if (gold.some((g) => matches(text, coded[c]!, g))) duplicates.push(c);
    else falsePositives.push(c);
  }
  const got = new Set(matched.map(([, g]) => g));
  const missed = req.filter((x) => !got.has(x.i)).map((x) => x.i);
  return { matched, optional, duplicates, falsePositives, missed };
}

export interface TypeCounts {
  tp: number;
  fp: number;
  fn: number;
  support: number;
}

export interface CorpusScore {
  perType: Map<EventType, TypeCounts>;
  micro: { p: number; r: number; f1: number; tp: number; fp: number; fn: number };
  macroF1: number;
  dateAccuracy: number;
  modalityAccuracy: number;
  agentIdAccuracy: number;
  duplicateRate: number;
  matchedCount: number;
}

export function f1(p: number, r: number): number {
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

export function aggregate(items: Array<{ text: string; coded: CodedEvent[]; gold: GoldEvent[] }>): CorpusScore {
  const perType = new Map<EventType, TypeCounts>();
  const counts = (t: EventType): TypeCounts => {
    let c = perType.get(t);
    if (!c) perType.set(t, (c = { tp: 0, fp: 0, fn: 0, support: 0 }));
    return c;
  };
  let dateOk = 0,
    modOk = 0,
    agentOk = 0,
    matchedN = 0,
    dups = 0,
    codedN = 0;
  for (const { text, coded, gold } of items) {
    const s = scoreArticle(text, coded, gold);
    codedN += coded.length - s.optional.length;
    for (const g of gold) if (g.required) counts(g.type).support++;
    for (const [c, gi] of s.matched) {
      const e = coded[c]!;
      const g = gold[gi]!;
      counts(g.type).tp++;
      matchedN++;
      if (overlaps(e.date, g.date)) dateOk++;
      if (e.modality === g.modality) modOk++;
      const gid = new Set(g.agent.map((x) => x.id));
      const eid = new Set(e.agent.map((x) => x.id));
      if (gid.size === eid.size && [...gid].every((x) => eid.has(x))) agentOk++;
    }
    for (const c of [...s.falsePositives, ...s.duplicates]) counts(coded[c]!.type).fp++;
    dups += s.duplicates.length;
    for (const gi of s.missed) counts(gold[gi]!.type).fn++;
  }
  let tp = 0,
    fp = 0,
    fn = 0;
  const f1s: number[] = [];
  for (const c of perType.values()) {
    tp += c.tp;
    fp += c.fp;
    fn += c.fn;
  }
  for (const c of perType.values()) {
    if (c.support === 0) continue; // macro over types occurring in gold
    const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
    const r = c.tp / c.support;
    f1s.push(f1(p, r));
  }
  const p = tp + fp ? tp / (tp + fp) : 0;
  const r = tp + fn ? tp / (tp + fn) : 0;
  const ratio = (n: number): number => (matchedN ? n / matchedN : 0);
  return {
    perType,
    micro: { p, r, f1: f1(p, r), tp, fp, fn },
    macroF1: f1s.length ? f1s.reduce((x, y) => x + y, 0) / f1s.length : 0,
    dateAccuracy: ratio(dateOk),
    modalityAccuracy: ratio(modOk),
    agentIdAccuracy: ratio(agentOk),
    duplicateRate: codedN ? dups / codedN : 0,
    matchedCount: matchedN,
  };
}
