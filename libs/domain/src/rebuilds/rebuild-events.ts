// A rebuild's stream (`rebuild-<rebuildId>`): the request an admin made; the
// worker's rebuild dispatcher reads it from the log and queues the rebuild.

export const REBUILD_REQUESTED = 'ProjectionRebuildRequested';

export const rebuildStreamId = (rebuildId: string): string => `rebuild-${rebuildId}`;

export interface ProjectionRebuildRequested {
  rebuildId: string;
  consumer: string;
  requestedBy: string;
  reason?: string;
}

export type RebuildStreamEvent = { type: typeof REBUILD_REQUESTED; data: ProjectionRebuildRequested };
