import type { CodedEvent, CodedEventRecorded } from '#domain';
import { deterministicEventId } from '#event-store';

/**
 * A coded event's id comes from what it says (type, first evidence span,
 * actors, date, modality), not from the coder version: re-coding with a new
 * coder keeps the ids of events it finds again unchanged, so corrections and
 * alerts stay attached to them.
 */
export function toRecordedEvents(articleId: string, coderVersion: string, events: CodedEvent[]): CodedEventRecorded[] {
  const idOf = new Map<string, string>();
  for (const event of events) idOf.set(event.id, deterministicEventId(articleId, signature(event)));
  return events.map(({ id, links, ...fields }) => ({
    ...fields,
    eventId: idOf.get(id)!,
    articleId,
    coderVersion,
    ...(links &&
      links.length > 0 && { links: links.map((link) => idOf.get(link)).filter((x): x is string => x !== undefined) }),
  }));
}

function signature(event: CodedEvent): string {
  const first = event.evidence[0];
  return [
    event.type,
    first ? `${first.start}-${first.end}` : '',
    event.agent
      .map((a) => a.id)
      .sort()
      .join(','),
    event.target
      .map((a) => a.id)
      .sort()
      .join(','),
    `${event.date.start}/${event.date.end}`,
    event.modality,
  ].join('|');
}
