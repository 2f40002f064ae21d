import { deciderSpecification } from '../testing/decider-specification.js';
import { incidentCorrectionsDecider } from './incident-corrections.decider.js';
import type { IncidentCorrectionEvent } from './incident-events.js';

const given = deciderSpecification(incidentCorrectionsDecider);
const merged = (incidentIds: string[], into: string): IncidentCorrectionEvent => ({
  type: 'IncidentsMerged',
  data: { incidentIds, into, by: 'ann@example.org', reason: 'one event' },
});

describe('incident corrections decider', () => {
  it('merges distinct incidents into one of them', () => {
    given()
      .when({
        type: 'MergeIncidents',
        incidentIds: ['inc-a', 'inc-b', 'inc-a'],
        into: 'inc-b',
        by: 'ann@example.org',
        reason: 'one event',
      })
      .then([merged(['inc-a', 'inc-b'], 'inc-b')]);
  });

  it('refuses a merge of one incident, or into one not merged', () => {
    given()
      .when({
        type: 'MergeIncidents',
        incidentIds: ['inc-a', 'inc-a'],
        into: 'inc-a',
        by: 'ann@example.org',
        reason: 'r',
      })
      .thenRefuses('invalid-correction');
    given()
      .when({
        type: 'MergeIncidents',
        incidentIds: ['inc-a', 'inc-b'],
        into: 'inc-c',
        by: 'ann@example.org',
        reason: 'r',
      })
      .thenRefuses('invalid-correction');
  });

  it('refuses to merge an incident that another merge took away (two analysts at once)', () => {
    given(merged(['inc-a', 'inc-b'], 'inc-b'))
      .when({
        type: 'MergeIncidents',
        incidentIds: ['inc-b', 'inc-a'],
        into: 'inc-a',
        by: 'bob@example.org',
        reason: 'the other way round',
      })
      .thenRefuses('incident-merged');
  });

  it('follows chains of merges, and lets the incident merged into be merged on', () => {
    const history = [merged(['inc-a', 'inc-b'], 'inc-b'), merged(['inc-b', 'inc-c'], 'inc-c')];
    given(...history)
      .when({ type: 'SplitIncident', incidentId: 'inc-b', eventIds: ['e1'], by: 'ann@example.org', reason: 'r' })
      .thenRefuses('incident-merged');
    given(...history)
      .when({
        type: 'MergeIncidents',
        incidentIds: ['inc-c', 'inc-d'],
        into: 'inc-d',
        by: 'ann@example.org',
        reason: 'one event',
      })
      .then([merged(['inc-c', 'inc-d'], 'inc-d')]);
    const state = history.reduce(incidentCorrectionsDecider.evolve, incidentCorrectionsDecider.initialState());
    expect(state.mergedInto.get('inc-a')).toBe('inc-c');
  });

  it('splits events out of an incident, each named once', () => {
    given()
      .when({
        type: 'SplitIncident',
        incidentId: 'inc-a',
        eventIds: ['e1', 'e2', 'e1'],
        by: 'ann@example.org',
        reason: 'another event',
      })
      .then([
        {
          type: 'IncidentSplit',
          data: { incidentId: 'inc-a', eventIds: ['e1', 'e2'], by: 'ann@example.org', reason: 'another event' },
        },
      ]);
    given()
      .when({ type: 'SplitIncident', incidentId: 'inc-a', eventIds: [], by: 'ann@example.org', reason: 'r' })
      .thenRefuses('invalid-correction');
  });
});
