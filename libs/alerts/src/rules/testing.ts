import { EVENT_TYPES, type EventType } from '#domain';
import type { RuleSubject } from './alert-rule.js';

/** Test support: a coded event as a rule sees it. */
export function subject(
  type: EventType,
  agent: [string, string][],
  target: [string, string][],
  overrides: Partial<RuleSubject> = {},
): RuleSubject {
  return {
    eventId: 'e1',
    articleId: 'a1',
    type,
    agent: agent.map(([id, country]) => ({ id, country, name: id })),
    target: target.map(([id, country]) => ({ id, country, name: id })),
    modality: 'asserted',
    goldstein: EVENT_TYPES[type].goldstein,
    evidence: [{ start: 100, end: 140, text: 'extended the sanctions waiver for Iraq' }],
    symmetric: EVENT_TYPES[type].symmetric,
    ...overrides,
  };
}
