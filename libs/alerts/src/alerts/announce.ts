import type { AlertKind } from '../contract/alert-message.js';

/** What downstream was last told about an alert (the last event of its stream). */
export interface Announced {
  status: 'active' | 'retracted';
  sourceCount: number;
  outletCount: number;
}

/**
 * Whether an alert's new state is news downstream must hear about. Compared with
 * what was last *announced* (the alert's stream), not with the read model, so a
 * projection rebuild that recomputes the same state announces nothing.
 * A change of sources is `updated`, and only for a subscription that asked for
 * updates (`wantsUpdates`, its notifyOnUpdate): the stream records what was
 * told, and appending an update nobody is sent was most of the projection's
 * writes (one event per matching subscription per new source). A raise and a
 * retraction are always announced. For a subscription without updates the
 * stream's last state stays the one raised, so a later retraction or raise is
 * still judged against what that subscriber was actually told.
 */
export function announcement(last: Announced | undefined, next: Announced, wantsUpdates: boolean): AlertKind | null {
  if (!last) return next.status === 'active' ? 'raised' : null;
  if (last.status !== next.status) return next.status === 'active' ? 'raised' : 'retracted';
  if (
    wantsUpdates &&
    next.status === 'active' &&
    (last.sourceCount !== next.sourceCount || last.outletCount !== next.outletCount)
  )
    return 'updated';
  return null;
}
