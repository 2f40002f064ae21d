import type { Decider } from '../decider.js';
import { DomainError } from '../errors.js';
import type { SubscriptionSettings, SubscriptionStreamEvent } from './subscription-events.js';

// A subscription's stream as a decider. The webhook secret is not in the log
// (see subscription-events.ts): the command only says whether it was rotated.

export interface SubscriptionState {
  status: 'none' | 'active' | 'deleted';
  settings?: SubscriptionSettings;
}

export type SubscriptionCommand =
  | { type: 'CreateSubscription'; subscriptionId: string; settings: SubscriptionSettings; by: string }
  | {
      type: 'UpdateSubscription';
      subscriptionId: string;
      changes: Partial<SubscriptionSettings>;
      secretRotated: boolean;
      by: string;
    }
  | { type: 'DeleteSubscription'; subscriptionId: string; by: string };

export const initialSubscriptionState = (): SubscriptionState => ({ status: 'none' });

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Only the fields whose value differs from the current settings. */
function changedFields(
  current: SubscriptionSettings,
  changes: Partial<SubscriptionSettings>,
): Partial<SubscriptionSettings> {
  const changed: Partial<SubscriptionSettings> = {};
  if (changes.name !== undefined && changes.name !== current.name) changed.name = changes.name;
  if (changes.rule !== undefined && !same(changes.rule, current.rule)) changed.rule = changes.rule;
  if (changes.notifyOnUpdate !== undefined && changes.notifyOnUpdate !== current.notifyOnUpdate)
    changed.notifyOnUpdate = changes.notifyOnUpdate;
  if (changes.delivery !== undefined && !same(changes.delivery, current.delivery)) changed.delivery = changes.delivery;
  return changed;
}

export function decideSubscription(command: SubscriptionCommand, state: SubscriptionState): SubscriptionStreamEvent[] {
  switch (command.type) {
    case 'CreateSubscription':
      if (state.status !== 'none')
        throw new DomainError('subscription-exists', `subscription ${command.subscriptionId} exists already`);
      return [
        {
          type: 'SubscriptionCreated',
          data: { subscriptionId: command.subscriptionId, ...command.settings, by: command.by },
        },
      ];
    case 'UpdateSubscription': {
      if (state.status !== 'active' || !state.settings)
        throw new DomainError('subscription-not-found', `no subscription ${command.subscriptionId}`);
      const changes = changedFields(state.settings, command.changes);
      if (Object.keys(changes).length === 0 && !command.secretRotated) return [];
      return [
        {
          type: 'SubscriptionUpdated',
          data: {
            subscriptionId: command.subscriptionId,
            changes,
            secretRotated: command.secretRotated,
            by: command.by,
          },
        },
      ];
    }
    case 'DeleteSubscription':
      if (state.status !== 'active')
        throw new DomainError('subscription-not-found', `no subscription ${command.subscriptionId}`);
      return [{ type: 'SubscriptionDeleted', data: { subscriptionId: command.subscriptionId, by: command.by } }];
  }
}

export function evolveSubscription(state: SubscriptionState, event: SubscriptionStreamEvent): SubscriptionState {
  switch (event.type) {
    case 'SubscriptionCreated': {
      const { name, rule, delivery, notifyOnUpdate } = event.data;
      return { status: 'active', settings: { name, rule, delivery, notifyOnUpdate } };
    }
    case 'SubscriptionUpdated':
      return { ...state, settings: { ...state.settings!, ...event.data.changes } };
    case 'SubscriptionDeleted':
      return { ...state, status: 'deleted' };
  }
}

export const subscriptionDecider: Decider<SubscriptionState, SubscriptionCommand, SubscriptionStreamEvent> = {
  decide: decideSubscription,
  evolve: evolveSubscription,
  initialState: initialSubscriptionState,
};
