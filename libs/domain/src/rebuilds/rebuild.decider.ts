import type { Decider } from '../decider.js';
import { DomainError } from '../errors.js';
import { type ProjectionRebuildRequested, REBUILD_REQUESTED, type RebuildStreamEvent } from './rebuild-events.js';

// A rebuild's stream holds its request, once. (One rebuild per projection at a
// time is the progress table's unique index: a fact across streams.)

export interface RebuildState {
  requested: boolean;
}

export type RebuildCommand = { type: 'RequestRebuild' } & ProjectionRebuildRequested;

export const decideRebuild = (command: RebuildCommand, state: RebuildState): RebuildStreamEvent[] => {
  if (state.requested) throw new DomainError('rebuild-exists', `rebuild ${command.rebuildId} was requested already`);
  const { type: _command, ...data } = command;
  return [{ type: REBUILD_REQUESTED, data }];
};

export const rebuildDecider: Decider<RebuildState, RebuildCommand, RebuildStreamEvent> = {
  decide: decideRebuild,
  evolve: () => ({ requested: true }),
  initialState: () => ({ requested: false }),
};
