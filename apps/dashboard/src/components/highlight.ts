import type { EventView } from '#read-models/contracts';

export interface Segment {
  start: number;
  end: number;
  text: string;
  /** Events whose evidence covers this stretch of text (none: plain text). */
  events: EventView[];
}

/**
 * Cuts the article text at every evidence boundary, so overlapping spans of
 * several events become stretches each covered by a known set of events. The
 * result is rendered as React text nodes: nothing here is ever parsed as HTML.
 */
export function segmentText(text: string, events: readonly EventView[]): Segment[] {
  const spans = events.flatMap((event) =>
    event.evidence
      .filter(
        (span) =>
          Number.isInteger(span.start) &&
          Number.isInteger(span.end) &&
          span.start < span.end &&
          span.start >= 0 &&
          span.end <= text.length,
      )
      .map((span) => ({ start: span.start, end: span.end, event })),
  );
  const cuts = new Set<number>([0, text.length]);
  for (const span of spans) {
    cuts.add(span.start);
    cuts.add(span.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    if (start === end) continue;
    const covering: EventView[] = [];
    for (const span of spans)
      if (span.start <= start && span.end >= end && !covering.includes(span.event)) covering.push(span.event);
    const previous = segments[segments.length - 1];
    // Neighbouring plain stretches (or stretches of the same events) are merged.
    if (previous && sameEvents(previous.events, covering)) {
      previous.end = end;
      previous.text = text.slice(previous.start, end);
    } else segments.push({ start, end, text: text.slice(start, end), events: covering });
  }
  return segments;
}

function sameEvents(a: readonly EventView[], b: readonly EventView[]): boolean {
  return a.length === b.length && a.every((e, i) => e === b[i]);
}
