// When two coded events are the same real-world event: the rule of the gold
// scoring (shared/spec/event-catalog.md) applied across articles. Same type,
// overlapping date intervals, and the sides share a country: agent with agent and
// target with target, or, for symmetric types, the two sides together. A missing
// target is unknown, not a contradiction, so it does not keep events apart.

export interface IncidentFeatures {
  eventId: string;
  type: string;
  symmetric: boolean;
  agentCountries: string[];
  targetCountries: string[];
  /** YYYY-MM-DD, inclusive. */
  dateStart: string;
  dateEnd: string;
}

const overlaps = (a: readonly string[], b: readonly string[]) => a.some((x) => b.includes(x));

export function sameIncident(a: IncidentFeatures, b: IncidentFeatures): boolean {
  if (a.type !== b.type) return false;
  if (a.dateStart > b.dateEnd || b.dateStart > a.dateEnd) return false;
  if (a.symmetric)
    return overlaps([...a.agentCountries, ...a.targetCountries], [...b.agentCountries, ...b.targetCountries]);
  if (!overlaps(a.agentCountries, b.agentCountries)) return false;
  return (
    a.targetCountries.length === 0 || b.targetCountries.length === 0 || overlaps(a.targetCountries, b.targetCountries)
  );
}

/** Connected components under sameIncident, each in input order (callers pass oldest first). */
export function components<T extends IncidentFeatures>(items: readonly T[]): T[][] {
  const parent = items.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      if (sameIncident(items[i]!, items[j]!)) parent[find(j)] = find(i);
    }
  }
  const groups = new Map<number, T[]>();
  items.forEach((item, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), item]));
  return [...groups.values()];
}
