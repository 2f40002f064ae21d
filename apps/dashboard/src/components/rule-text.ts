import type { ClauseMatchView, SubscriptionJson } from '#alerts/contracts';

// Rules and explanations in words, for people: "WaiverGranted events involving
// Iraq on either side, that happened, from the first report" rather than JSON.

type Rule = SubscriptionJson['rule'];

/** "a", "a or b", "a, b or c". */
export function joinList(items: readonly string[], word: 'or' | 'and' = 'or'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${word} ${items.at(-1)}`;
}

const quoted = (items: readonly string[]) => items.map((w) => `“${w}”`);
const ROLE: Record<string, string> = { agent: 'as the actor', target: 'as the target', either: 'on either side' };
const SIDE: Record<string, string> = { agent: 'the actor', target: 'the target' };

function modalityPhrase(modalities: readonly string[] | undefined): string {
  const chosen = modalities?.length ? modalities : ['asserted'];
  if (chosen.length === 1 && chosen[0] === 'asserted') return 'that happened';
  const others = chosen.filter((m) => m !== 'asserted');
  return chosen.includes('asserted')
    ? `that happened, or are ${joinList(others)}`
    : `that are ${joinList(others)} (not ones that happened)`;
}

/** The whole rule as one sentence. */
export function describeRule(rule: Partial<Rule>): string {
  const parts: string[] = [rule.eventTypes?.length ? `${joinList(rule.eventTypes)} events` : 'Events of any type'];
  if (rule.countries?.length) parts.push(`involving ${joinList(rule.countries)} ${ROLE[rule.countryRole ?? 'either']}`);
  if (rule.actorIds?.length) parts.push(`with ${joinList(rule.actorIds)} ${ROLE[rule.actorRole ?? 'either']}`);
  const g = rule.goldstein;
  if (g && (g.min !== undefined || g.max !== undefined)) {
    if (g.min !== undefined && g.max !== undefined) parts.push(`with a Goldstein score from ${g.min} to ${g.max}`);
    else if (g.min !== undefined) parts.push(`with a Goldstein score of at least ${g.min}`);
    else parts.push(`with a Goldstein score of at most ${g.max}`);
  }
  if (rule.words?.length) parts.push(`whose evidence mentions ${joinList(quoted(rule.words))}`);
  parts.push(modalityPhrase(rule.modalities));
  const sources = rule.minSources ?? 1;
  parts.push(sources > 1 ? `once ${sources} independent outlets report the incident` : 'from the first report');
  return `${parts[0]}${parts.length > 2 ? ' ' : ' '}${parts.slice(1, -1).join(', ')}, ${parts.at(-1)}.`.replace(
    / ,/g,
    ',',
  );
}

/** One clause an event satisfied, as a short sentence. */
export function describeClause(clause: ClauseMatchView, names: Map<string, string> = new Map()): string {
  const who = (id: string) => names.get(id) ?? id;
  switch (clause.clause) {
    case 'eventTypes':
      return `its type, ${clause.actual}, is ${clause.expected.length > 1 ? `one of ${joinList(clause.expected)}` : 'the one asked for'}`;
    case 'countries':
      return joinList(
        clause.matched.map((m) => `${who(m.actorId)} (${m.country}) is ${SIDE[m.side]}`),
        'and',
      );
    case 'actorIds':
      return joinList(
        clause.matched.map((m) => `${who(m.actorId)} is ${SIDE[m.side]}`),
        'and',
      );
    case 'goldstein': {
      const range =
        clause.min !== undefined && clause.max !== undefined
          ? `from ${clause.min} to ${clause.max}`
          : clause.min !== undefined
            ? `at least ${clause.min}`
            : `at most ${clause.max}`;
      return `its Goldstein score, ${clause.actual}, is ${range}`;
    }
    case 'modalities':
      return clause.actual === 'asserted'
        ? 'it happened (asserted)'
        : `it is ${clause.actual}, which the rule asks for too`;
    case 'words':
      return `its evidence says ${joinList(quoted([...new Set(clause.matched.map((m) => m.word))]), 'and')}`;
  }
}
