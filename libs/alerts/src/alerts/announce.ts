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
 * Every change of sources is recorded as `updated`; whether it is delivered is
 * the subscription's notifyOnUpdate.
 */
export function announcement(last: Announced | undefined, next: Announced): AlertKind | null {
  if (!last) return next.status === 'active' ? 'raised' : null;
  if (last.status !== next.status) return next.status === 'active' ? 'raised' : 'retracted';
  if (next.status === 'active' && (last.sourceCount !== next.sourceCount || last.outletCount !== next.outletCount)) return 'updated';
  return null;
}
