// Drafting: one Draft per trigger hit, with its arguments, modality, date,
// attribution and evidence span. Merging and event assembly come after.
import type { DateInterval, EventType } from '#domain';
import type { Mention } from '../actors/mention.js';
import { assignArguments } from '../arguments/assign.js';
import { frameRejects, retype } from '../arguments/frames.js';
import { findDates, type DateMention } from '../dates/find-dates.js';
import { resolveDate } from '../dates/resolve-date.js';
import type { Draft } from '../merging/draft.js';
import { attributionOf } from '../modality/attribution.js';
import { governorOf } from '../modality/governors.js';
import { modalityOf } from '../modality/modality.js';
import type { Analysis } from '../sentences/tokens.js';
import type { TriggerHit } from '../triggers/find-triggers.js';

const NOMINAL_GOVERNORS = new Set([
  'efforts',
  'effort',
  'right',
  'freedom',
  'ability',
  'attempt',
  'attempts',
  'bid',
  'power',
  'capacity',
]);
const DETERMINERS = new Set(['the', 'this', 'that', 'these', 'those']);
const AT_THE_TIME = /^(?:at the time|at that time|then|that day)\b/i;

/** Drafts for every trigger hit; `bySentence` holds each sentence's actor mentions, `covered` the tokens inside names. */
export function draftMentions(
  a: Analysis,
  hits: TriggerHit[],
  bySentence: Mention[][],
  covered: Uint8Array,
  pub: string,
): Draft[] {
  const datesOf = new Map<number, DateMention[]>();
  const sentenceDates = (i: number): DateMention[] => {
    let d = datesOf.get(i);
    if (!d) {
      const s = a.sentences[i]!;
      d = findDates(a.text, s.start, s.end).filter((x) => !x.ofSaying);
      // "At the time, ...": the previous sentence's date covers this one
      if (d.length === 0 && i > 0 && AT_THE_TIME.test(a.text.slice(s.start, s.end)))
        d = sentenceDates(i - 1).map((x) => ({ ...x, inherited: true }));
      datesOf.set(i, d);
    }
    return d;
  };
  const attributions = new Map<number, string | undefined>();
  const drafts: Draft[] = [];
  const longHits = hits.filter((h) => h.last - h.first > 1);
  for (const found of hits) {
    // "suspended aid to X" is a sanction; "withdrew from the accord" a rejection
    const re = retype(a, found);
    let hit: TriggerHit = re ? { ...found, type: re.type } : found;
    // "came under attack from X": the single word inside a longer rule's span of the same type is that rule's
    if (
      longHits.some(
        (h) =>
          h !== found &&
          h.type === found.type &&
          h.sentence === found.sentence &&
          h.first <= found.first &&
          h.last >= found.last &&
          h.last - h.first > found.last - found.first,
      )
    )
      continue;
    const s = a.sentences[hit.sentence]!;
    const args = assignArguments(a, hit, bySentence[hit.sentence]!);
    // "came under fire from opposition lawmakers": fire from the unarmed is criticism (CAMEO 111)
    if (hit.type === 'AttackCarriedOut' && underFireFromUnarmed(a, hit, args.agent))
      hit = { ...hit, type: 'AccusationMade' };
    if (args.noEvent || frameRejects(a, hit, args.agent)) continue;
    // "the EU agreed on new sanctions": one party deciding on a measure is that measure, no agreement between parties
    if (
      hit.type === 'AgreementReached' &&
      args.agent.length <= 1 &&
      args.target.length === 0 &&
      decidesMeasure(a, hit, hits)
    )
      continue;
    // a retyped event's modality is the governing verb's ("did not suspend aid")
    const modality = re ? modalityOf(a, { ...hit, first: re.at, last: re.at + 1, head: re.at }) : modalityOf(a, hit);
    // "called off on Monday a visit planned for next week": the date is the cancellation's, not the visit's
    const cancelled = !re && governorOf(a, hit) === 'negated';
    const date = cancelled
      ? undefined
      : dateFor(a, hit, sentenceDates(hit.sentence), pub, modality === 'future' ? 'future' : 'past', covered);
    if (!attributions.has(hit.sentence)) attributions.set(hit.sentence, attributionOf(a, hit.sentence));
    const prev = a.tokens[hit.first - 1];
    const prev2 = a.tokens[hit.first - 2];
    const definite =
      (prev !== undefined && DETERMINERS.has(prev.lower)) ||
      (prev2 !== undefined && DETERMINERS.has(prev2.lower) && prev!.pos === 'ADJ');
    if (hit.rule.anaphorOnly && !definite) continue;
    // "efforts to protest", "the right to protest": a capacity, not an event
    if (prev?.lower === 'to' && prev2 !== undefined && NOMINAL_GOVERNORS.has(prev2.lower)) continue;
    drafts.push({
      type: hit.type,
      sentence: hit.sentence,
      head: hit.head,
      caption: s.caption,
      headline: s.headline,
      // "the attacks targeting X" carries its own arguments: no anaphor
      anaphor: definite && !args.ownArguments,
      anaphorOnly: hit.rule.anaphorOnly === true,
      agent: args.agent,
      target: args.target,
      place: args.place,
      date,
      modality,
      evidence: evidenceSpan(a, hit, args.agent, args.target),
      attribution: attributions.get(hit.sentence),
    });
  }
  return drafts.sort((x, y) => x.head - y.head);
}

const ARMED_SECTORS = new Set(['MIL', 'REB', 'COP', 'SPY']);

/** "came under fire from X" where X is a person, lawmakers, a party, the media or civilians. */
function underFireFromUnarmed(a: Analysis, hit: TriggerHit, agent: Mention[]): boolean {
  const toks = a.tokens;
  if (toks[hit.head]!.lemma !== 'come' || toks[hit.first + 1]?.lower !== 'under' || agent.length === 0) return false;
  return agent.every((m) =>
    m.entity.kind === 'person' ? !ARMED_SECTORS.has(m.sector) : /^(?:LEG|PTY|MED|CVL|JUD|BUS|IGO)$/.test(m.sector),
  );
}

/** "agreed on/to [new] sanctions", "agreed to withdraw": another event's trigger right after "agree". */
function decidesMeasure(a: Analysis, hit: TriggerHit, hits: TriggerHit[]): boolean {
  const toks = a.tokens;
  if (toks[hit.head]!.lemma !== 'agree' || !/^(?:on|upon|to)$/.test(toks[hit.last]?.lower ?? '')) return false;
  return hits.some(
    (h) =>
      h.type !== 'AgreementReached' &&
      h.sentence === hit.sentence &&
      h.head > hit.last &&
      h.head <= hit.last + 5 &&
      toks.slice(hit.last + 1, h.head).every((t) => /^(?:DET|ADJ|ADV|NUM|NOUN)$/.test(t.pos)),
  );
}

const RELATIVE =
  /\b(?:(?:that|which|who)\s+(?:\w+\s+){0,2}?(?:was|were|is|are|had|has|have)|\w+ed\s+(?:during|since))\b/;
const SEGMENT_BREAK = new Set([',', ';', ':', '—', '–', '(', ')']);

/**
 * The date of a mention: a date expression in its own comma-delimited segment,
 * else one opening the sentence ("Last week, a convoy ..."), else none. A date
 * elsewhere in the sentence usually belongs to another clause's event.
 */
function dateFor(
  a: Analysis,
  hit: TriggerHit,
  dates: DateMention[],
  pub: string,
  tense: 'past' | 'future',
  covered: Uint8Array,
): DateInterval | undefined {
  if (dates.length === 0) return undefined;
  if (dates[0]!.inherited) return resolveDate(dates[0]!.text, pub, tense);
  const toks = a.tokens;
  const s = a.sentences[hit.sentence]!;
  let lo = hit.first;
  while (lo > s.first && !SEGMENT_BREAK.has(toks[lo - 1]!.value)) lo--;
  let hi = hit.last;
  for (;;) {
    while (hi < s.last && !SEGMENT_BREAK.has(toks[hi]!.value)) hi++;
    // "the assassination of X, Abu Mahdi al-Muhandis, on January 3rd": a name in commas doesn't end the segment
    let j = hi + 1;
    while (j < s.last && covered[j]) j++;
    if (toks[hi]?.value === ',' && j > hi + 1 && toks[j]?.value === ',' && j < s.last) hi = j + 1;
    else break;
  }
  const segStart = toks[lo]!.start;
  const segEnd = toks[hi - 1]!.end;
  const at = toks[hit.head]!.start;
  let best: DateMention | undefined;
  let dist = Infinity;
  for (const d of dates) {
    if (d.start < segStart || d.end > segEnd) continue;
    // "accusing him of belonging to a cell that was set up in late 2019": the relative clause has its own date
    if (d.start > at && RELATIVE.test(a.text.slice(toks[hit.last - 1]!.end, d.start))) continue;
    const k = d.start > at ? d.start - at : at - d.end;
    if (k < dist) [best, dist] = [d, k];
  }
  if (!best) {
    // "Last week, ...", "On Sunday, ...": an opening date covers the sentence
    let firstBreak = s.first;
    while (firstBreak < s.last && !SEGMENT_BREAK.has(toks[firstBreak]!.value)) firstBreak++;
    const openEnd = toks[firstBreak - 1]?.end ?? s.start;
    if (firstBreak < hit.first)
      best = dates.find(
        (d) =>
          (d.end <= openEnd && d.start === s.start) ||
          (d.end <= openEnd && /^(?:on|in|last|this|early|late|during)\b/i.test(a.text.slice(s.start, openEnd))),
      );
  }
  if (!best && toks[lo - 1]?.value === ',' && /^(?:when|as|after)$/.test(toks[lo]!.lower)) {
    // "on October 7, when militants struck": the when-clause happened at the date it hangs on
    const commaAt = toks[lo - 1]!.start;
    best = dates.find((d) => d.end <= commaAt && !/[,;]/.test(a.text.slice(d.end, commaAt)));
  }
  return best ? resolveDate(best.text, pub, tense) : undefined;
}

/** The trigger widened to its actors when they are close: the clearest span to show. */
function evidenceSpan(
  a: Analysis,
  hit: TriggerHit,
  agent: Mention[],
  target: Mention[],
): { start: number; end: number } {
  const toks = a.tokens;
  let first = hit.first;
  let last = hit.last;
  // either side may stand on either side of the trigger ("Ukraine was attacked by Russia", "X hosted Y")
  // (a pronoun widens only as the target: "tying him", never "he ... said")
  for (const m of [...agent.filter((x) => x.via !== 'pronoun'), ...target]) {
    if (toks[m.first]!.sentence !== hit.sentence) continue;
    if (m.first < first && hit.first - m.first <= 12) first = m.first;
    if (m.last > last && m.last - hit.last <= 12) last = m.last;
  }
  return { start: toks[first]!.start, end: toks[last - 1]!.end };
}
