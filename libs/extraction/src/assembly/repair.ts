// Repairs after merging: targets and agents that follow from other events or
// from the story (an accusation over a killing accuses the killer; a demand
// carried by a letter is addressed to its recipient; protesters are of the
// place they protest in; an election is held by the country it is in).
import type { Entity, Gazetteer } from '../actors/gazetteer.js';
import { storyCountry } from '../actors/matcher.js';
import type { Mention } from '../actors/mention.js';
import { isLocativeMention } from '../arguments/constructions.js';
import type { Draft } from '../merging/draft.js';
import type { Cluster } from '../merging/merge.js';
import type { Analysis } from '../sentences/tokens.js';

/** An actor the text implies but does not name (the protesters of a protest). */
function implied(entity: Entity, sector: Mention['sector'], at: Mention | undefined, a: Analysis, d: Draft): Mention {
  const t = a.tokens[d.head]!;
  return {
    first: at?.first ?? d.head,
    last: at?.last ?? d.head + 1,
    start: at?.start ?? t.start,
    nameStart: at?.start ?? t.start,
    end: at?.end ?? t.end,
    entity,
    via: 'head',
    sector,
    possessive: false,
  };
}

/**
 * Targets that follow from other events: an accusation over a killing accuses
 * the killer; a demand or threat carried by a letter is addressed to the
 * letter's recipient; a protest is by the place's people against its government.
 */
export function repairTargets(a: Analysis, clusters: Cluster[], mentions: Mention[], g: Gazetteer): void {
  const clusterOf = new Map<Draft, Cluster>();
  for (const c of clusters) for (const d of c.drafts) clusterOf.set(d, c);
  const all = clusters.flatMap((c) => c.drafts);
  const story = storyCountry(mentions);
  const base = story === undefined ? undefined : g.countriesByIso.get(story);
  for (const c of clusters) {
    for (const d of c.drafts) {
      if (c.type === 'AccusationMade') {
        const attack = all.find(
          (x) => x.type === 'AttackCarriedOut' && x.sentence === d.sentence && x.head > d.head && x.head - d.head <= 10,
        );
        const killers = attack ? clusterOf.get(attack)!.drafts.flatMap((x) => x.agent) : [];
        if (killers.length) d.target = [killers[0]!];
      }
      if ((c.type === 'DemandIssued' || c.type === 'ThreatIssued') && d.target.length === 0) {
        // a demand or threat made by letter or resolution is addressed to its recipient
        const vehicle = all.find(
          (x) => (x.type === 'LetterSent' || x.type === 'ResolutionPassed') && x.sentence === d.sentence,
        );
        const to = vehicle ? clusterOf.get(vehicle)!.drafts.flatMap((x) => x.target) : [];
        if (to.length) d.target = [to[0]!];
      }
      if (
        (c.type === 'DemandIssued' || c.type === 'ThreatIssued' || c.type === 'AccusationMade') &&
        d.target.length === 0
      ) {
        // "the United States ought to understand that his blood will not go for free"
        const agentIds = new Set(d.agent.map((m) => m.entity.id));
        let best: Mention | undefined;
        let bestIsPlace = false;
        for (const m of mentions) {
          if (a.tokens[m.first]!.sentence !== d.sentence || agentIds.has(m.entity.id) || m.via === 'pronoun') continue;
          // "in northern Iraq" is where, not whom: a place only when no one else is named
          const place = m === d.place || isLocativeMention(a, m);
          if (best && place && !bestIsPlace) continue;
          if (!best || (bestIsPlace && !place) || Math.abs(m.first - d.head) < Math.abs(best.first - d.head))
            [best, bestIsPlace] = [m, place];
        }
        if (best) d.target = [best];
      }
      if (c.type === 'WaiverGranted' && d.target.length === 0) {
        // easing sanctions benefits whoever they are on: the sanctions named in its sentence, else the latest before
        const agentIds = new Set(d.agent.map((m) => m.entity.id));
        const on = (x: Draft): Mention[] => x.target.filter((m) => !agentIds.has(m.entity.id));
        const sanctions = all.filter((x) => x.type === 'SanctionsImposed' && x.sentence <= d.sentence && on(x).length);
        const same = sanctions.find((x) => x.sentence === d.sentence);
        const latest = same ?? sanctions.sort((x, y) => y.head - x.head)[0];
        if (latest) d.target = [on(latest)[0]!];
      }
      const nearestCountry = (): Mention | undefined => {
        let best: Mention | undefined;
        for (const m of mentions) {
          if (
            m.entity.kind !== 'country' ||
            a.tokens[m.first]!.sentence !== d.sentence ||
            Math.abs(m.first - d.head) > 12
          )
            continue;
          if (!best || Math.abs(m.first - d.head) < Math.abs(best.first - d.head)) best = m;
        }
        return best;
      };
      if (c.type === 'ElectionHeld' && d.agent.length === 0) {
        const m = d.place ?? nearestCountry();
        const country = m ? g.countriesByIso.get(m.entity.country) : base;
        if (country) d.agent = [implied(country, 'GOV', m, a, d)];
      }
      // a visit or withdrawal with no place named, in a story about one country, is there
      if (
        (c.type === 'VisitMade' || c.type === 'TroopsWithdrawn') &&
        d.target.length === 0 &&
        base &&
        d.agent.length &&
        d.agent[0]!.entity.country !== base.country
      ) {
        d.target = [implied(base, 'GOV', undefined, a, d)];
      }
      if (c.type === 'ProtestHeld') {
        const place = d.place ?? d.target.find((m) => m.entity.kind === 'country') ?? nearestCountry();
        const country = place ? g.countriesByIso.get(place.entity.country) : base;
        if (!country) continue;
        // unnamed protesters are of the place they protest in ("protesters in Tbilisi" are Georgian)
        const unnamed = d.agent.length > 0 && d.agent.every((m) => m.via === 'head' && m.sector === 'CVL');
        if (unnamed && d.place && d.agent[0]!.entity.country !== country.country) d.agent = [];
        if (d.agent.length === 0) {
          const adj = g.demonyms.get(country.country) ?? country.id;
          d.agent = [
            implied(
              {
                id: `${adj}-protesters`,
                name: `${adj} protesters`,
                country: country.country,
                sector: 'CVL',
                kind: 'org',
              },
              'CVL',
              undefined,
              a,
              d,
            ),
          ];
        }
        if (d.target.length === 0 || d.target.every((m) => m === place))
          d.target = [implied(country, 'GOV', undefined, a, d)];
      }
    }
  }
}
