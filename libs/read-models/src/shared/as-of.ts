import { type RawBuilder, sql } from 'kysely';

/**
 * "As recorded before T": a version is visible when the event that opened it was
 * recorded before T and the event that closed it (if any) was not. Without T the
 * current versions (recorded_to is null) are visible. Same rule as
 * EventStore.readStream's `recordedBefore` (recorded_at < T).
 */
export function visibleAt(alias: string, asOf: Date | undefined): RawBuilder<boolean> {
  const from = sql.ref(`${alias}.recorded_from`);
  const to = sql.ref(`${alias}.recorded_to`);
  if (!asOf) return sql<boolean>`${to} is null`;
  return sql<boolean>`(${from} < ${asOf} and (${to} is null or ${to} >= ${asOf}))`;
}
