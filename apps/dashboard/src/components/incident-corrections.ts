// Merging and splitting incidents: what the forms check before sending (the API
// checks again, and its 400/404/422 messages are shown as they come).

export const MIN_REASON = 3;

const reasonProblem = (reason: string) =>
  reason.trim().length < MIN_REASON ? [`say why (${MIN_REASON}+ characters)`] : [];

/** The incident kept by a merge: the one chosen if it is still selected, else the first selected. */
export function mergeTarget(selected: string[], chosen: string | null): string | null {
  if (chosen && selected.includes(chosen)) return chosen;
  return selected[0] ?? null;
}

export function mergeProblems(selected: string[], into: string | null, reason: string): string[] {
  const problems: string[] = [];
  if (selected.length < 2) problems.push('select at least 2 incidents');
  if (selected.length >= 2 && (!into || !selected.includes(into))) problems.push('choose the incident to keep');
  return [...problems, ...reasonProblem(reason)];
}

export function splitProblems(chosen: string[], eventCount: number, reason: string): string[] {
  const problems: string[] = [];
  if (chosen.length === 0) problems.push('pick the events to take out');
  else if (chosen.length >= eventCount) problems.push('leave at least one event in the incident');
  return [...problems, ...reasonProblem(reason)];
}

export function mergeBody(selected: string[], into: string, reason: string) {
  return { incidentIds: selected, into, reason: reason.trim() };
}

export function splitBody(chosen: string[], reason: string) {
  return { eventIds: chosen, reason: reason.trim() };
}
