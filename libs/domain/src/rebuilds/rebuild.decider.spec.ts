import { deciderSpecification } from '../testing/decider-specification.js';
import type { RebuildStreamEvent } from './rebuild-events.js';
import { rebuildDecider } from './rebuild.decider.js';

const given = deciderSpecification(rebuildDecider);
const request = { rebuildId: 'r1', consumer: 'read-articles', requestedBy: 'ann@example.org', reason: 'new column' };
const requested: RebuildStreamEvent = { type: 'ProjectionRebuildRequested', data: request };

describe('rebuild decider', () => {
  it('records a rebuild request once', () => {
    given()
      .when({ type: 'RequestRebuild', ...request })
      .then([requested]);
    given(requested)
      .when({ type: 'RequestRebuild', ...request })
      .thenRefuses('rebuild-exists');
  });
});
