/**
 * The coded events of one article as a plain-text table, as the demo and the
 * sender print them (read from `GET /api/articles/:id`).
 */
export interface ApiEvent {
  eventId: string;
  type: string;
  agent: { name: string }[];
  target: { name: string }[];
  date: { start: string; end: string };
  modality: string;
  location: { name: string; precision?: string } | null;
  evidence: { text: string }[];
}

export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The header, a rule and a row per event, each a line without its newline. */
export function eventTable(events: readonly ApiEvent[]): string[] {
  const rows = events.map((e) => [
    e.type,
    e.agent.map((a) => a.name).join(', ') || '—',
    e.target.map((a) => a.name).join(', ') || '—',
    e.date.start === e.date.end ? e.date.start : `${e.date.start}…${e.date.end}`,
    e.modality,
    e.location ? `${e.location.name}${e.location.precision ? ` (${e.location.precision})` : ''}` : '—',
    truncate(e.evidence[0]?.text ?? '', 60),
  ]);
  const header = ['type', 'agent', 'target', 'date', 'modality', 'place', 'evidence'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)];
}

/**
 * Whether the article's answer already lists every coded event its stream
 * holds. The status (articles projection) and the events (events projection)
 * are read models kept by two consumers, so the status can say "coded" a
 * moment before the events are there; the history is the stream itself.
 */
export function eventsCaughtUp(article: {
  events?: readonly { eventId: string }[];
  history?: readonly { subject?: string }[];
}): boolean {
  const listed = new Set((article.events ?? []).map((e) => e.eventId));
  return (article.history ?? []).every((entry) => entry.subject === undefined || listed.has(entry.subject));
}
