import type { Updateable } from 'kysely';
import type { Database, Db } from '#db';
import { type ProjectionRebuildRequested, REBUILD_REQUESTED, rebuildDecider, rebuildStreamId } from '#domain';
import { type EventStore, deterministicEventId, handleCommand } from '#event-store';
import { READ_MODEL_PROJECTIONS } from '../projections.js';
import type { RebuildView } from './rebuild-view.schema.js';

// The request event lives in libs/domain and the queue in libs/queue; re-exported for existing importers.
export { REBUILD_REQUESTED };
export type { ProjectionRebuildRequested };

export const rebuildableNames = (): string[] => READ_MODEL_PROJECTIONS.map((p) => p.name);

export class RebuildRefused extends Error {
  constructor(
    readonly reason: 'unknown-projection' | 'already-running',
    message: string,
  ) {
    super(message);
    this.name = 'RebuildRefused';
  }
}

/** Records the request (a command on the rebuild's stream, and its progress row) in one transaction; one rebuild per projection at a time. */
export async function requestRebuild(
  db: Db,
  store: EventStore,
  request: Omit<ProjectionRebuildRequested, 'rebuildId'> & { rebuildId: string },
): Promise<void> {
  if (!rebuildableNames().includes(request.consumer)) {
    throw new RebuildRefused(
      'unknown-projection',
      `${request.consumer} is not a rebuildable projection (${rebuildableNames().join(', ')})`,
    );
  }
  try {
    await handleCommand(
      store,
      rebuildStreamId(request.rebuildId),
      rebuildDecider,
      { type: 'RequestRebuild', ...request },
      {
        metadata: { actor: request.requestedBy, reason: request.reason },
        eventId: () => deterministicEventId('rebuild', request.rebuildId),
        alongside: (trx) =>
          trx
            .insertInto('projection_rebuilds')
            .values({
              rebuild_id: request.rebuildId,
              consumer: request.consumer,
              status: 'requested',
              requested_by: request.requestedBy,
              reason: request.reason ?? null,
            })
            .execute(),
      },
    );
  } catch (error) {
    if ((error as { constraint?: string }).constraint === 'projection_rebuilds_active') {
      throw new RebuildRefused('already-running', `a rebuild of ${request.consumer} is already requested or running`);
    }
    throw error;
  }
}

export type { RebuildView } from './rebuild-view.schema.js';

export async function listRebuilds(
  db: Db,
  options: { rebuildId?: string; limit?: number } = {},
): Promise<RebuildView[]> {
  let query = db
    .selectFrom('projection_rebuilds')
    .selectAll()
    .orderBy('requested_at', 'desc')
    .limit(options.limit ?? 50);
  if (options.rebuildId) query = query.where('rebuild_id', '=', options.rebuildId);
  const rows = await query.execute();
  return rows.map((r) => ({
    rebuildId: r.rebuild_id,
    consumer: r.consumer,
    status: r.status,
    requestedBy: r.requested_by,
    reason: r.reason,
    requestedAt: r.requested_at.toISOString(),
    startedAt: r.started_at?.toISOString() ?? null,
    finishedAt: r.finished_at?.toISOString() ?? null,
    processed: Number(r.processed),
    remaining: r.remaining === null ? null : Number(r.remaining),
    error: r.error,
  }));
}

export async function updateRebuild(
  db: Db,
  rebuildId: string,
  changes: Updateable<Database['projection_rebuilds']>,
): Promise<void> {
  await db.updateTable('projection_rebuilds').set(changes).where('rebuild_id', '=', rebuildId).execute();
}
