import { type ClauseMatch, DEFAULT_MODALITIES, type Modality } from '#domain';
import type { AlertRule, RuleSubject, Side } from './alert-rule.js';

export type { ClauseMatch } from '#domain';

type Party = { side: 'agent' | 'target'; actor: RuleSubject['agent'][number] };

/**
 * Symmetric types (talks, meetings, agreements) have no direction: both sides
 * are participants, so "as agent" and "as target" both mean "either".
 */
function partiesOn(subject: RuleSubject, side: Side): Party[] {
  const agents = subject.agent.map((actor): Party => ({ side: 'agent', actor }));
  const targets = subject.target.map((actor): Party => ({ side: 'target', actor }));
  if (side === 'either' || subject.symmetric) return [...agents, ...targets];
  return side === 'agent' ? agents : targets;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Whole-word, case-insensitive occurrences of a (lower-cased) word or phrase. */
function findWord(text: string, word: string): number {
  const lower = text.toLowerCase();
  let from = 0;
  for (;;) {
    const at = lower.indexOf(word, from);
    if (at < 0) return -1;
    const before = at === 0 ? '' : lower[at - 1]!;
    const after = lower[at + word.length] ?? '';
    if (!WORD_CHAR.test(before) && !WORD_CHAR.test(after)) return at;
    from = at + 1;
  }
}

/**
 * Evaluates the event-level clauses of a rule (everything but minSources, which
 * is about the incident). Returns the clauses that held, or null when one did not.
 * Cheap clauses first: most candidates the index hands over fail on them.
 */
export function evaluateRule(rule: AlertRule, subject: RuleSubject): ClauseMatch[] | null {
  const matches: ClauseMatch[] = [];
  if (rule.eventTypes?.length) {
    if (!rule.eventTypes.includes(subject.type)) return null;
    matches.push({ clause: 'eventTypes', expected: rule.eventTypes, actual: subject.type });
  }
  // A rule that names no modality means asserted only: what did not happen never raises an alert unless
  // asked for. (Rules saved since this default carry it explicitly, so their explanations show the clause.)
  const modalities: readonly Modality[] = rule.modalities?.length ? rule.modalities : DEFAULT_MODALITIES;
  if (!modalities.includes(subject.modality)) return null;
  if (rule.modalities?.length)
    matches.push({ clause: 'modalities', expected: rule.modalities, actual: subject.modality });
  if (rule.goldstein) {
    const { min, max } = rule.goldstein;
    const g = subject.goldstein;
    if (g === null || (min !== undefined && g < min) || (max !== undefined && g > max)) return null;
    matches.push({
      clause: 'goldstein',
      ...(min !== undefined && { min }),
      ...(max !== undefined && { max }),
      actual: g,
    });
  }
  if (rule.countries?.length) {
    const side = rule.countryRole ?? 'either';
    const matched = partiesOn(subject, side)
      .filter((p) => rule.countries!.includes(p.actor.country))
      .map((p) => ({ side: p.side, actorId: p.actor.id, country: p.actor.country }));
    if (matched.length === 0) return null;
    matches.push({ clause: 'countries', role: side, expected: rule.countries, matched });
  }
  if (rule.actorIds?.length) {
    const side = rule.actorRole ?? 'either';
    const matched = partiesOn(subject, side)
      .filter((p) => rule.actorIds!.includes(p.actor.id))
      .map((p) => ({ side: p.side, actorId: p.actor.id }));
    if (matched.length === 0) return null;
    matches.push({ clause: 'actorIds', role: side, expected: rule.actorIds, matched });
  }
  if (rule.words?.length) {
    const matched: { word: string; evidenceIndex: number; start: number; end: number }[] = [];
    for (const word of rule.words) {
      const needle = word.toLowerCase();
      subject.evidence.forEach((span, evidenceIndex) => {
        const at = findWord(span.text, needle);
        if (at >= 0)
          matched.push({ word, evidenceIndex, start: span.start + at, end: span.start + at + needle.length });
      });
    }
    if (matched.length === 0) return null;
    matches.push({ clause: 'words', expected: rule.words, matched });
  }
  return matches;
}

/** The incident-level clause: independent sources are distinct outlets. */
export function enoughSources(rule: AlertRule, outletCount: number): boolean {
  return outletCount >= (rule.minSources ?? 1);
}
