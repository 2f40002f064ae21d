// Event assembly: one CodedEvent per cluster of drafts, with its actors named in
// their fullest form, its modality and date from its mentions, its evidence
// (clearest first), location, attribution and links between a letter and the
// demands and threats it carries.
import { EVENT_TYPES, type Actor, type CodedEvent, type DateInterval } from '#domain';
import type { Gazetteer } from '../actors/gazetteer.js';
import type { Mention } from '../actors/mention.js';
import { resolveTitleOn } from '../actors/titles.js';
import { addDays } from '../dates/calendar.js';
import type { Draft } from '../merging/draft.js';
import { clusterDate, clusterModality, type Cluster } from '../merging/merge.js';
import { locatePlace } from '../places/index.js';
import type { Analysis } from '../sentences/tokens.js';

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
  return future
    ? { start: pub, end: addDays(pub, 180), precision: 'unknown' }
    : { start: addDays(pub, -7), end: pub, precision: 'unknown' };
}

export function toEvents(
  a: Analysis,
  clusters: Cluster[],
  mentions: Mention[],
  g: Gazetteer,
  pub: string,
): CodedEvent[] {
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
      evidence.push({
        start: d.evidence.start,
        end: d.evidence.end,
        text: a.text.slice(d.evidence.start, d.evidence.end),
      });
    }
    let modality = clusterModality(c);
    let date = clusterDate(c);
    if (date && date.start > pub && modality === 'asserted') modality = 'future';
    // a title is the office holder on the event's own date
    const onDate = (m: Mention): Mention =>
      date && date.precision !== 'unknown' && date.start !== pub ? resolveTitleOn(g, m, date.start) : m;
    date ??= defaultDate(pub, modality === 'future' || modality === 'hypothetical');
    const agentMs = c.drafts.flatMap((d) => d.agent).map(onDate);
    // "X and Y traded fire": a reciprocal event's sides are both agent and target (arguments/assign.ts)
    const reciprocal = c.drafts.some(
      (d) => d.target.length >= 2 && d.target.every((m) => d.agent.some((x) => x.entity.id === m.entity.id)),
    );
    const targetMs = c.drafts
      .flatMap((d) => d.target)
      .map(onDate)
      .filter((m) => reciprocal || !agentMs.some((x) => x.entity.id === m.entity.id));
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
      confidence:
        Math.min(
          0.95,
          0.45 +
            (hasAgent ? 0.2 : 0) +
            (targetMs.length ? 0.15 : 0) +
            (clusterDate(c) ? 0.1 : 0) +
            (c.drafts.length > 1 ? 0.05 : 0),
        ) * (caption ? 0.5 : 1),
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

function score(d: Draft): number {
  return (
    (d.caption ? -4 : 0) +
    (d.headline ? -1 : 0) +
    (d.agent.length ? 2 : 0) +
    (d.target.length ? 1 : 0) +
    (d.anaphor ? -1 : 0)
  );
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
      const le = byId.get(lid);
      const ce = byId.get(cid);
      // either may have been dropped as naming no party ("A strongly worded letter demanded ...")
      if (!le || !ce) continue;
      le.links = [...(le.links ?? []), cid];
      ce.links = [...(ce.links ?? []), lid];
    }
  }
}
