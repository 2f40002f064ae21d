import type { Decider } from '../decider.js';
import { DomainError } from '../errors.js';
import type { IncidentCorrectionEvent } from './incident-events.js';

// Analysts' merges and splits as a decider over the incident-corrections
// stream. Which incidents and events exist is checked against the incidents
// read model before the command is sent; what the decider guards is what only
// the stream knows at the moment of the append: an incident merged away (by
// a concurrent analyst, say) is gone and cannot be merged or split again.

export interface IncidentCorrectionsState {
  /** Incidents merged into another: merged id → the incident it went into. */
  mergedInto: Map<string, string>;
}

export type IncidentCorrectionCommand =
  | { type: 'MergeIncidents'; incidentIds: string[]; into: string; by: string; reason: string }
  | { type: 'SplitIncident'; incidentId: string; eventIds: string[]; by: string; reason: string };

export const initialIncidentCorrectionsState = (): IncidentCorrectionsState => ({ mergedInto: new Map() });

function refuseMergedAway(state: IncidentCorrectionsState, incidentIds: string[]): void {
  const gone = incidentIds.filter((id) => state.mergedInto.has(id));
  if (gone.length) {
    const where = gone.map((id) => `${id} → ${state.mergedInto.get(id)}`).join(', ');
    throw new DomainError('incident-merged', `already merged into another incident: ${where}`);
  }
}

export function decideIncidentCorrection(
  command: IncidentCorrectionCommand,
  state: IncidentCorrectionsState,
): IncidentCorrectionEvent[] {
  switch (command.type) {
    case 'MergeIncidents': {
      const ids = [...new Set(command.incidentIds)];
      if (ids.length < 2) throw new DomainError('invalid-correction', 'a merge needs at least 2 distinct incidents');
      if (!ids.includes(command.into))
        throw new DomainError('invalid-correction', 'the incident merged into must be one of those merged');
      refuseMergedAway(state, ids);
      return [
        {
          type: 'IncidentsMerged',
          data: { incidentIds: ids, into: command.into, by: command.by, reason: command.reason },
        },
      ];
    }
    case 'SplitIncident': {
      const eventIds = [...new Set(command.eventIds)];
      if (eventIds.length === 0) throw new DomainError('invalid-correction', 'a split needs at least 1 event');
      refuseMergedAway(state, [command.incidentId]);
      return [
        {
          type: 'IncidentSplit',
          data: { incidentId: command.incidentId, eventIds, by: command.by, reason: command.reason },
        },
      ];
    }
  }
}

export function evolveIncidentCorrections(
  state: IncidentCorrectionsState,
  event: IncidentCorrectionEvent,
): IncidentCorrectionsState {
  if (event.type !== 'IncidentsMerged') return state;
  const mergedInto = new Map(state.mergedInto);
  for (const id of event.data.incidentIds) if (id !== event.data.into) mergedInto.set(id, event.data.into);
  // Whatever had gone into a merged incident now lives where that one went.
  for (const [id, into] of mergedInto) if (mergedInto.has(into)) mergedInto.set(id, mergedInto.get(into)!);
  mergedInto.delete(event.data.into);
  return { mergedInto };
}

export const incidentCorrectionsDecider: Decider<
  IncidentCorrectionsState,
  IncidentCorrectionCommand,
  IncidentCorrectionEvent
> = {
  decide: decideIncidentCorrection,
  evolve: evolveIncidentCorrections,
  initialState: initialIncidentCorrectionsState,
};
