import { deciderSpecification } from '../testing/decider-specification.js';
import type { SubscriptionSettings, SubscriptionStreamEvent } from './subscription-events.js';
import { subscriptionDecider } from './subscription.decider.js';

const given = deciderSpecification(subscriptionDecider);
const settings: SubscriptionSettings = {
  name: 'Gulf talks',
  rule: { eventTypes: ['TalksStarted'] },
  delivery: { queue: true, webhook: null },
  notifyOnUpdate: false,
};
const created: SubscriptionStreamEvent = {
  type: 'SubscriptionCreated',
  data: { subscriptionId: 's1', ...settings, by: 'ann@example.org' },
};

describe('subscription decider', () => {
  it('creates a subscription once', () => {
    given().when({ type: 'CreateSubscription', subscriptionId: 's1', settings, by: 'ann@example.org' }).then([created]);
    given(created)
      .when({ type: 'CreateSubscription', subscriptionId: 's1', settings, by: 'ann@example.org' })
      .thenRefuses('subscription-exists');
  });

  it('records only the fields an update changes', () => {
    given(created)
      .when({
        type: 'UpdateSubscription',
        subscriptionId: 's1',
        changes: { name: 'Gulf talks', notifyOnUpdate: true, rule: { eventTypes: ['TalksStarted'] } },
        secretRotated: false,
        by: 'bob@example.org',
      })
      .then([
        {
          type: 'SubscriptionUpdated',
          data: {
            subscriptionId: 's1',
            changes: { notifyOnUpdate: true },
            secretRotated: false,
            by: 'bob@example.org',
          },
        },
      ]);
  });

  it('decides nothing for an update that changes nothing, unless the secret was rotated', () => {
    given(created)
      .when({
        type: 'UpdateSubscription',
        subscriptionId: 's1',
        changes: { name: 'Gulf talks' },
        secretRotated: false,
        by: 'bob@example.org',
      })
      .thenNothing();
    given(created)
      .when({
        type: 'UpdateSubscription',
        subscriptionId: 's1',
        changes: {},
        secretRotated: true,
        by: 'bob@example.org',
      })
      .then([
        {
          type: 'SubscriptionUpdated',
          data: { subscriptionId: 's1', changes: {}, secretRotated: true, by: 'bob@example.org' },
        },
      ]);
  });

  it('compares with the settings as updated, and refuses a deleted or unknown subscription', () => {
    const renamed: SubscriptionStreamEvent = {
      type: 'SubscriptionUpdated',
      data: { subscriptionId: 's1', changes: { name: 'Talks' }, secretRotated: false, by: 'bob@example.org' },
    };
    given(created, renamed)
      .when({
        type: 'UpdateSubscription',
        subscriptionId: 's1',
        changes: { name: 'Talks' },
        secretRotated: false,
        by: 'bob@example.org',
      })
      .thenNothing();
    const deleted: SubscriptionStreamEvent = {
      type: 'SubscriptionDeleted',
      data: { subscriptionId: 's1', by: 'bob@example.org' },
    };
    given(created).when({ type: 'DeleteSubscription', subscriptionId: 's1', by: 'bob@example.org' }).then([deleted]);
    given(created, deleted)
      .when({ type: 'DeleteSubscription', subscriptionId: 's1', by: 'bob@example.org' })
      .thenRefuses('subscription-not-found');
    given(created, deleted)
      .when({ type: 'UpdateSubscription', subscriptionId: 's1', changes: { name: 'x' }, secretRotated: false, by: 'b' })
      .thenRefuses('subscription-not-found');
    given()
      .when({ type: 'DeleteSubscription', subscriptionId: 's1', by: 'bob@example.org' })
      .thenRefuses('subscription-not-found');
  });
});
