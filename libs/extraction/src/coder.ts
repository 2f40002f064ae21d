// The pipeline: analyse (wink, once) -> actors -> triggers -> arguments,
// modality, dates, attribution per mention -> merge -> coded events.
import { EVENT_TYPES, type Actor, type CodedEvent, type DateInterval } from '#domain';
import { buildAliasIndex } from './actors/alias-index.js';
import { loadGazetteer, type Entity, type Gazetteer } from './actors/gazetteer.js';
import { dominantCountry, findMentions, type MatchContext } from './actors/matcher.js';
import type { Mention } from './actors/mention.js';
import { resolvePronouns } from './actors/pronouns.js';
import { buildPhoneticIndex } from './actors/phonetic.js';
import { assignArguments } from './arguments/assign.js';
import { addDays } from './dates/calendar.js';
import { findDates, type DateMention } from './dates/find-dates.js';
import { resolveDate } from './dates/resolve-date.js';
import { clusterDate, clusterModality, mergeDrafts, type Cluster } from './merging/merge.js';
import type { Draft } from './merging/draft.js';
import { attributionOf } from './modality/attribution.js';
import { locatePlace } from './places/index.js';
import { modalityOf } from './modality/modality.js';
import { createAnalyser } from './sentences/analyse.js';
import type { Analysis } from './sentences/tokens.js';
import { buildTriggerIndex, findTriggers, type TriggerHit } from './triggers/find-triggers.js';

/** Bump when the output for some input changes. */
export const CODER_VERSION = 'rules-1.0.1';

export interface CoderInput {
  text: string;
  /** YYYY-MM-DD */
  publishedAt: string;
}

export interface Coder {
  version: string;
  extract(input: CoderInput): CodedEvent[];
}

const NOMINAL_GOVERNORS = new Set(['efforts', 'effort', 'right', 'freedom', 'ability', 'attempt', 'attempts', 'bid', 'power', 'capacity']);
const DETERMINERS = new Set(['the', 'this', 'that', 'these', 'those']);
const AT_THE_TIME = /^(?:at the time|at that time|then|that day)\b/i;

export function createCoder(options: { dataDir?: string } = {}): Coder {
  const analyser = createAnalyser();
  const gazetteer = loadGazetteer(options.dataDir);
  const aliasIndex = buildAliasIndex(gazetteer);
  const phonetic = buildPhoneticIndex(gazetteer, gazetteer.aliases);
  const triggers = buildTriggerIndex();
  return {
    version: CODER_VERSION,
    extract(input: CoderInput): CodedEvent[] {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(input.publishedAt)) throw new Error(`publishedAt must be YYYY-MM-DD, got ${input.publishedAt}`);
      if (!input.text || !/[A-Za-z]/.test(input.text)) return [];
      const a = analyser.analyse(input.text);
      const ctx: MatchContext = { gazetteer, index: aliasIndex, phonetic, publishedAt: input.publishedAt };
      return code(a, ctx, gazetteer, triggers, input.publishedAt);
    },
  };
}

function code(a: Analysis, ctx: MatchContext, g: Gazetteer, trig: ReturnType<typeof buildTriggerIndex>, pub: string): CodedEvent[] {
  const mentions = resolvePronouns(a, findMentions(a, ctx));
  const covered = new Uint8Array(a.tokens.length);
  const bySentence: Mention[][] = a.sentences.map(() => []);
  for (const m of mentions) {
    if (m.via !== 'pronoun') for (let k = m.first; k < m.last; k++) covered[k] = 1;
    bySentence[a.tokens[m.first]!.sentence]!.push(m);
  }
  const hits = findTriggers(a, trig, covered);
  const datesOf = new Map<number, DateMention[]>();
  const sentenceDates = (i: number): DateMention[] => {
    let d = datesOf.get(i);
    if (!d) {
      const s = a.sentences[i]!;
      d = findDates(a.text, s.start, s.end).filter((x) => !x.ofSaying);
      // "At the time, ...": the previous sentence's date covers this one
      if (d.length === 0 && i > 0 && AT_THE_TIME.test(a.text.slice(s.start, s.end))) d = sentenceDates(i - 1).map((x) => ({ ...x, inherited: true }));
      datesOf.set(i, d);
    }
    return d;
  };
  const attributions = new Map<number, string | undefined>();

  const drafts: Draft[] = [];
  for (const hit of hits) {
    const s = a.sentences[hit.sentence]!;
    const args = assignArguments(a, hit, bySentence[hit.sentence]!);
    const modality = modalityOf(a, hit);
    const date = dateFor(a, hit, sentenceDates(hit.sentence), pub, modality === 'future' ? 'future' : 'past', covered);
    if (!attributions.has(hit.sentence)) attributions.set(hit.sentence, attributionOf(a, hit.sentence));
    const prev = a.tokens[hit.first - 1];
    const prev2 = a.tokens[hit.first - 2];
    const anaphor = (prev !== undefined && DETERMINERS.has(prev.lower)) || (prev2 !== undefined && DETERMINERS.has(prev2.lower) && prev!.pos === 'ADJ');
    if (hit.rule.anaphorOnly && !anaphor) continue;
    // "efforts to protest", "the right to protest": a capacity, not an event
    if (prev?.lower === 'to' && prev2 !== undefined && NOMINAL_GOVERNORS.has(prev2.lower)) continue;
    drafts.push({
      type: hit.type,
      sentence: hit.sentence,
      head: hit.head,
      caption: s.caption,
      headline: s.headline,
      anaphor,
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
  drafts.sort((x, y) => x.head - y.head);
  const clusters = mergeDrafts(drafts, pub);
  repairTargets(a, clusters, mentions, g);
  return toEvents(a, clusters, mentions, g, pub);
}

const RELATIVE = /\b(?:(?:that|which|who)\s+(?:\w+\s+){0,2}?(?:was|were|is|are|had|has|have)|\w+ed\s+(?:during|since))\b/;
const SEGMENT_BREAK = new Set([',', ';', ':', '—', '–', '(', ')']);

/**
 * The date of a mention: a date expression in its own comma-delimited segment,
 * else one opening the sentence ("Last week, a convoy ..."), else none. A date
 * elsewhere in the sentence usually belongs to another clause's event.
 */
function dateFor(a: Analysis, hit: TriggerHit, dates: DateMention[], pub: string, tense: 'past' | 'future', covered: Uint8Array): DateInterval | undefined {
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
    if (firstBreak < hit.first) best = dates.find((d) => d.end <= openEnd && d.start === s.start || (d.end <= openEnd && /^(?:on|in|last|this|early|late|during)\b/i.test(a.text.slice(s.start, openEnd))));
  }
  return best ? resolveDate(best.text, pub, tense) : undefined;
}

/** The trigger widened to its actors when they are close: the clearest span to show. */
function evidenceSpan(a: Analysis, hit: TriggerHit, agent: Mention[], target: Mention[]): { start: number; end: number } {
  const toks = a.tokens;
  let first = hit.first;
  let last = hit.last;
  for (const m of agent) if (m.via !== 'pronoun' && m.first < first && hit.first - m.first <= 12 && toks[m.first]!.sentence === hit.sentence) first = m.first;
  for (const m of target) if (m.last > last && m.last - hit.last <= 12 && toks[m.first]!.sentence === hit.sentence) last = m.last;
  return { start: toks[first]!.start, end: toks[last - 1]!.end };
}

function actorName(m: Mention, mentions: Mention[], a: Analysis): string {
  const e = m.entity;
  if (e.kind === 'person') {
    let best = '';
    for (const x of mentions) {
      if (x.entity.id !== e.id || (x.via !== 'name' && x.via !== 'alias' && x.via !== 'phonetic')) continue;
      const t = a.text.slice(x.nameStart, x.end);
      if (t.length > best.length) best = t;
    }
    return best || e.name;
  }
  if (e.kind === 'org' && e.name === e.id) return a.text.slice(m.start, m.end);
  return e.name;
}

function actors(ms: Mention[], all: Mention[], a: Analysis, max: number): Actor[] {
  const counts = new Map<string, { m: Mention; n: number; order: number }>();
  ms.forEach((m, order) => {
    const c = counts.get(m.entity.id);
    if (c) c.n++;
    else counts.set(m.entity.id, { m, n: 1, order });
  });
  return [...counts.values()]
    .sort((x, y) => y.n - x.n || x.order - y.order)
    .slice(0, max)
    .map(({ m }) => ({ name: actorName(m, all, a), id: m.entity.id, country: m.entity.country, sector: m.sector }));
}

function defaultDate(pub: string, future: boolean): DateInterval {
  return future ? { start: pub, end: addDays(pub, 180), precision: 'unknown' } : { start: addDays(pub, -7), end: pub, precision: 'unknown' };
}

function toEvents(a: Analysis, clusters: Cluster[], mentions: Mention[], g: Gazetteer, pub: string): CodedEvent[] {
  void g;
  const events: CodedEvent[] = [];
  const order = clusters.map((c, i) => ({ c, i })).sort((x, y) => x.c.drafts[0]!.head - y.c.drafts[0]!.head);
  const ids = new Map<Cluster, string>();
  order.forEach(({ c }, n) => ids.set(c, `e${n + 1}`));
  for (const { c } of order) {
    const info = EVENT_TYPES[c.type];
    const named = c.drafts.some((d) => d.agent.length || d.target.length);
    // An event with no party at all is background the text doesn't tie to anyone
    // ("a scheduled withdrawal"); elections and protests get their parties above.
    if (!named) continue;
    if (c.type === 'TroopsWithdrawn' && !c.drafts.some((d) => d.agent.length)) continue;
    // the clearest mention first: a body sentence naming both sides, then text order
    const ranked = [...c.drafts].sort((x, y) => score(y) - score(x) || x.head - y.head);
    const evidence = [];
    const seen = new Set<string>();
    for (const d of ranked) {
      const key = `${d.evidence.start}:${d.evidence.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      evidence.push({ start: d.evidence.start, end: d.evidence.end, text: a.text.slice(d.evidence.start, d.evidence.end) });
    }
    const agentMs = c.drafts.flatMap((d) => d.agent);
    const targetMs = c.drafts.flatMap((d) => d.target).filter((m) => !agentMs.some((x) => x.entity.id === m.entity.id));
    let modality = clusterModality(c);
    let date = clusterDate(c);
    if (date && date.start > pub && modality === 'asserted') modality = 'future';
    date ??= defaultDate(pub, modality === 'future' || modality === 'hypothetical');
    const place = c.drafts.find((d) => d.place?.via === 'capital')?.place;
    const caption = c.drafts.every((d) => d.caption);
    const hasAgent = agentMs.length > 0;
    const ev: CodedEvent = {
      id: ids.get(c)!,
      type: c.type,
      agent: actors(agentMs, mentions, a, 2),
      target: c.type === 'ElectionHeld' ? [] : actors(targetMs, mentions, a, 3),
      date,
      modality,
      evidence,
      confidence: Math.min(0.95, 0.45 + (hasAgent ? 0.2 : 0) + (targetMs.length ? 0.15 : 0) + (clusterDate(c) ? 0.1 : 0) + (c.drafts.length > 1 ? 0.05 : 0)) * (caption ? 0.5 : 1),
      cameo: info.cameo,
      goldstein: info.goldstein,
      plover: info.plover,
    };
    if (place) ev.location = locatePlace({ name: a.text.slice(place.start, place.end), country: place.entity.country });
    const attribution = ranked.find((d) => d.attribution)?.attribution;
    if (attribution) ev.attribution = attribution;
    if (caption) ev.caption = true;
    events.push(ev);
  }
  linkLetters(events, clusters, ids);
  return events;
}

/** An actor the text implies but does not name (the protesters of a protest). */
function implied(entity: Entity, sector: Mention['sector'], at: Mention | undefined, a: Analysis, d: Draft): Mention {
  const t = a.tokens[d.head]!;
  return { first: at?.first ?? d.head, last: at?.last ?? d.head + 1, start: at?.start ?? t.start, nameStart: at?.start ?? t.start, end: at?.end ?? t.end, entity, via: 'head', sector, possessive: false };
}

/**
 * Targets that follow from other events: an accusation over a killing accuses
 * the killer; a demand or threat carried by a letter is addressed to the
 * letter's recipient; a protest is by the place's people against its government.
 */
function repairTargets(a: Analysis, clusters: Cluster[], mentions: Mention[], g: Gazetteer): void {
  const clusterOf = new Map<Draft, Cluster>();
  for (const c of clusters) for (const d of c.drafts) clusterOf.set(d, c);
  const all = clusters.flatMap((c) => c.drafts);
  const base = g.countriesByIso.get(dominantCountry(mentions, g));
  for (const c of clusters) {
    for (const d of c.drafts) {
      if (c.type === 'AccusationMade') {
        const attack = all.find((x) => x.type === 'AttackCarriedOut' && x.sentence === d.sentence && x.head > d.head && x.head - d.head <= 10);
        const killers = attack ? clusterOf.get(attack)!.drafts.flatMap((x) => x.agent) : [];
        if (killers.length) d.target = [killers[0]!];
      }
      if ((c.type === 'DemandIssued' || c.type === 'ThreatIssued') && d.target.length === 0) {
        // a demand or threat made by letter or resolution is addressed to its recipient
        const vehicle = all.find((x) => (x.type === 'LetterSent' || x.type === 'ResolutionPassed') && x.sentence === d.sentence);
        const to = vehicle ? clusterOf.get(vehicle)!.drafts.flatMap((x) => x.target) : [];
        if (to.length) d.target = [to[0]!];
      }
      if ((c.type === 'DemandIssued' || c.type === 'ThreatIssued' || c.type === 'AccusationMade') && d.target.length === 0) {
        // "the United States ought to understand that his blood will not go for free"
        const agentIds = new Set(d.agent.map((m) => m.entity.id));
        let best: Mention | undefined;
        for (const m of mentions) {
          if (a.tokens[m.first]!.sentence !== d.sentence || agentIds.has(m.entity.id) || m.via === 'pronoun') continue;
          if (!best || Math.abs(m.first - d.head) < Math.abs(best.first - d.head)) best = m;
        }
        if (best) d.target = [best];
      }
      const nearestCountry = (): Mention | undefined => {
        let best: Mention | undefined;
        for (const m of mentions) {
          if (m.entity.kind !== 'country' || a.tokens[m.first]!.sentence !== d.sentence || Math.abs(m.first - d.head) > 12) continue;
          if (!best || Math.abs(m.first - d.head) < Math.abs(best.first - d.head)) best = m;
        }
        return best;
      };
      if (c.type === 'ElectionHeld' && d.agent.length === 0) {
        const m = d.place ?? nearestCountry();
        const country = m ? g.countriesByIso.get(m.entity.country) : base;
        if (country) d.agent = [implied(country, 'GOV', m, a, d)];
      }
      // a visit with no host named, in a story about one country, is a visit there
      if (c.type === 'VisitMade' && d.target.length === 0 && base && d.agent.length && d.agent[0]!.entity.country !== base.country) {
        d.target = [implied(base, 'GOV', undefined, a, d)];
      }
      if (c.type === 'ProtestHeld') {
        const place = d.place ?? d.target.find((m) => m.entity.kind === 'country') ?? nearestCountry();
        const country = place ? g.countriesByIso.get(place.entity.country) : base;
        if (!country) continue;
        if (d.agent.length === 0) {
          const adj = g.demonyms.get(country.country) ?? country.id;
          d.agent = [implied({ id: `${adj}-protesters`, name: `${adj} protesters`, country: country.country, sector: 'CVL', kind: 'org' }, 'CVL', undefined, a, d)];
        }
        if (d.target.length === 0 || d.target.every((m) => m === place)) d.target = [implied(country, 'GOV', undefined, a, d)];
      }
    }
  }
}

function score(d: Draft): number {
  return (d.caption ? -4 : 0) + (d.headline ? -1 : 0) + (d.agent.length ? 2 : 0) + (d.target.length ? 1 : 0) + (d.anaphor ? -1 : 0);
}

/** A letter that demands and threatens: its demand and threat point to it and back. */
function linkLetters(events: CodedEvent[], clusters: Cluster[], ids: Map<Cluster, string>): void {
  const byId = new Map(events.map((e) => [e.id, e]));
  for (const letter of clusters.filter((c) => c.type === 'LetterSent')) {
    const sentences = new Set(letter.drafts.map((d) => d.sentence));
    const lid = ids.get(letter)!;
    for (const c of clusters) {
      if (c.type !== 'DemandIssued' && c.type !== 'ThreatIssued') continue;
      if (!c.drafts.some((d) => sentences.has(d.sentence))) continue;
      const cid = ids.get(c)!;
      const le = byId.get(lid)!;
      const ce = byId.get(cid)!;
      le.links = [...(le.links ?? []), cid];
      ce.links = [...(ce.links ?? []), lid];
    }
  }
}
