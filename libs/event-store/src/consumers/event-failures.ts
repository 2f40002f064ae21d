import { type EventFailure, errorText } from './parked-events.js';

/**
 * How often each event has failed in this consumer instance, so an event is
 * parked only after several tries some time apart (a handler that failed on a
 * passing condition gets its chance again). Entries go once an event succeeds
 * or is parked.
 */
export class EventFailures {
  private readonly failures = new Map<string, EventFailure>();

  record(eventId: string, error: unknown, now = new Date()): EventFailure {
    const before = this.failures.get(eventId);
    const failure: EventFailure = {
      error: errorText(error),
      attempts: (before?.attempts ?? 0) + 1,
      firstFailedAt: before?.firstFailedAt ?? now,
      lastFailedAt: now,
    };
    this.failures.set(eventId, failure);
    return failure;
  }

  /** True when one of these events failed before and has not succeeded or been parked since. */
  anyOf(eventIds: Iterable<string>): boolean {
    if (this.failures.size === 0) return false;
    for (const id of eventIds) if (this.failures.has(id)) return true;
    return false;
  }

  forget(eventId: string): void {
    this.failures.delete(eventId);
  }
}
