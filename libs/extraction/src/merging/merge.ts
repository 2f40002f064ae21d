// One event per real-world event: mentions of one type merge when their
// actors and dates don't contradict each other. Anaphors ("the note", "the
// meeting") join the event they refer to; caption mentions only add evidence.
import { EVENT_TYPES, type DateInterval, type EventType, type Modality } from '#domain';
import { addDays, overlaps } from '../dates/calendar.js';
import type { Mention } from '../actors/mention.js';
import type { Draft } from './draft.js';

export interface Cluster {
  type: EventType;
  drafts: Draft[];
}

function countries(ms: Mention[]): Set<string> {
  return new Set(ms.map((m) => m.entity.country));
}

function sideCompatible(a: Mention[], b: Mention[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const ids = new Set(a.map((m) => m.entity.id));
  if (b.some((m) => ids.has(m.entity.id))) return 2;
  // Different named actors are different events, unless one is a country and
  // the other one of its officials or bodies ("Iran" and "Zarif").
  const ca = countries(a);
  const cb = countries(b);
  const aCountry = a.some((m) => m.entity.kind === 'country' && cb.has(m.entity.country));
  const bCountry = b.some((m) => m.entity.kind === 'country' && ca.has(m.entity.country));
  return aCountry || bCountry ? 1 : -1;
}

const PRECISION_RANK: Record<DateInterval['precision'], number> = {
  day: 0,
  week: 1,
  month: 2,
  season: 3,
  year: 4,
  unknown: 5,
};

/** Mentions one event keeps (its evidence spans): more add nothing but time, as every fit reads them all. */
export const MAX_MENTIONS_PER_EVENT = 24;

const effectiveDates = new WeakMap<Draft, DateInterval | undefined>();

/** The date a mention is taken to have for merging: its own, else recent past / near future. */
function effectiveDate(d: Draft, pub: string): DateInterval | undefined {
  if (d.date) return d.date;
  // computed once per mention: merging asks for it against every event so far
  if (effectiveDates.has(d)) return effectiveDates.get(d);
  const date = defaultEffectiveDate(d, pub);
  effectiveDates.set(d, date);
  return date;
}

function defaultEffectiveDate(d: Draft, pub: string): DateInterval | undefined {
  if (d.anaphor) return undefined; // "the note" refers back whatever its sentence's date
  if (d.modality === 'negated') return undefined; // a cancelled or denied event has no time of its own
  return d.modality === 'future' || d.modality === 'hypothetical'
    ? { start: pub, end: addDays(pub, 180), precision: 'unknown' }
    : { start: addDays(pub, -7), end: pub, precision: 'unknown' };
}

function datesAgree(c: Cluster, d: Draft, pub: string): boolean {
  const dd = effectiveDate(d, pub);
  if (!dd) return true;
  const own = clusterDate(c);
  if (own) return overlaps(own, dd);
  // every dated mention must agree; anaphors ("the talks") take any date
  return c.drafts.every((x) => {
    const e = effectiveDate(x, pub);
    return e === undefined || overlaps(e, dd);
  });
}

export function clusterDate(c: Cluster): DateInterval | undefined {
  let best: DateInterval | undefined;
  for (const d of c.drafts) {
    if (d.date && (!best || PRECISION_RANK[d.date.precision] < PRECISION_RANK[best.precision])) best = d.date;
  }
  return best;
}

function allAgents(c: Cluster): Mention[] {
  return c.drafts.flatMap((d) => d.agent);
}
function allTargets(c: Cluster): Mention[] {
  return c.drafts.flatMap((d) => d.target);
}

/** How well a draft fits an event: -1 = contradicts, otherwise higher is better. */
function fit(c: Cluster, d: Draft, pub: string): number {
  if (c.type !== d.type) return -1;
  // what was threatened or feared is never the event that happened (see clusterModality)
  if (d.modality === 'hypothetical' && c.drafts.some((x) => x.modality === 'asserted')) return -1;
  if (d.modality === 'asserted' && c.drafts.some((x) => x.modality === 'hypothetical')) return -1;
  // a mention with no actor joins another sentence's event with actors only as an anaphor
  // ("the attack") or as the story's own event (named in the headline): compatible dates
  // alone say nothing ("an attack" in one paragraph, "X attacked Y" in another)
  const bare = (x: Draft): boolean => x.agent.length === 0 && x.target.length === 0 && !x.anaphor;
  const sameSentence = c.drafts.some((x) => x.sentence === d.sentence);
  const clusterBare = c.drafts.every(bare);
  if (!sameSentence && bare(d) !== clusterBare && !c.drafts.some((x) => x.headline) && !d.headline) return -1;
  // sides before dates: the cheaper test, and the one that rejects most events
  let sides: number;
  if (EVENT_TYPES[d.type].symmetric) {
    sides = sideCompatible([...allAgents(c), ...allTargets(c)], [...d.agent, ...d.target]);
    if (sides < 0) return -1;
  } else {
    const sa = sideCompatible(allAgents(c), d.agent);
    const st = sideCompatible(allTargets(c), d.target);
    if (sa < 0 || st < 0) return -1;
    sides = sa + st;
  }
  if (!datesAgree(c, d, pub)) return -1;
  return sides + (clusterDate(c) && d.date ? 1 : 0);
}

function join(c: Cluster, d: Draft): void {
  if (c.drafts.length < MAX_MENTIONS_PER_EVENT) c.drafts.push(d);
}

export function mergeDrafts(drafts: Draft[], pub: string): Cluster[] {
  const clusters: Cluster[] = [];
  const body = drafts.filter((d) => !d.caption);
  const captions = drafts.filter((d) => d.caption);
  for (const d of body) {
    // "the meeting(s)" during talks between the same sides is a mention of the talks.
    if (d.type === 'MeetingHeld' && d.anaphor) {
      const talks = clusters.find((c) => c.type === 'TalksStarted' && fit(c, { ...d, type: 'TalksStarted' }, pub) >= 0);
      if (talks) {
        join(talks, { ...d, type: 'TalksStarted' });
        continue;
      }
    }
    let best: Cluster | undefined;
    let bestFit = -1;
    for (const c of clusters) {
      const f = fit(c, d, pub);
      if (f > bestFit) [best, bestFit] = [c, f];
    }
    if (best && bestFit >= 0) {
      join(best, d);
      continue;
    }
    if (d.anaphorOnly) continue; // "the note" with no letter to refer to is not a letter
    clusters.push({ type: d.type, drafts: [d] });
  }
  for (const d of captions) {
    let best: Cluster | undefined;
    let bestFit = 0; // caption mentions join only an event they agree with on some actor
    for (const c of clusters) {
      const f = fit(c, d, pub);
      if (f > bestFit) [best, bestFit] = [c, f];
    }
    if (best) join(best, d);
  }
  return clusters;
}

const MODALITY_RANK: Record<Modality, number> = { negated: 0, asserted: 1, future: 2, hypothetical: 3 };

/**
 * The modality of an event from its mentions' modalities. The rule:
 * - a hypothetical mention never joins an event with an asserted mention, nor
 *   an asserted mention one with a hypothetical mention (fit), so a threat's
 *   content stays hypothetical however often the real event is reported;
 * - a negated mention wins over asserted and future ones: a cancellation or a
 *   denial is news about the very event the other mentions plan or report
 *   ("X cancels visit" + "the visit, planned for next week" is a negated visit);
 * - an asserted mention wins over future ones (it has happened since it was planned).
 * So merging never turns a hypothetical or negated event into an asserted one.
 */
export function clusterModality(c: Cluster): Modality {
  let best: Modality = 'hypothetical';
  for (const d of c.drafts) if (MODALITY_RANK[d.modality] < MODALITY_RANK[best]) best = d.modality;
  return best;
}
