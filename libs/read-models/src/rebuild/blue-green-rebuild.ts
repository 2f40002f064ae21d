import { type Transaction, sql } from 'kysely';
import type { Database, Db } from '#db';
import {
  type LogConsumerOptions,
  LogConsumer,
  clearParkedEvents,
  consumerStatuses,
  overwriteCheckpoint,
  readCheckpoint,
  takeOverParkedEvents,
} from '#event-store';

/** A projection that can be rebuilt: its consumer options and the tables only it writes. */
export interface RebuildableProjection extends Pick<LogConsumerOptions, 'name' | 'types' | 'after' | 'handle'> {
  tables: readonly string[];
}

/** Shared by every read-model projection; its rows are keyed by projection name. */
const PROGRESS_TABLE = 'read_stream_progress';

export interface RebuildProgress {
  processed: number;
  remaining: number;
}

export interface RebuildOptions {
  batchSize?: number;
  onProgress?: (progress: RebuildProgress) => Promise<void> | void;
  /** Swap once the new version is this close to the log's end (it finishes the rest under the swap's locks). */
  swapWhenBehindBy?: number;
  /** Pause before a failed event is tried again (it is parked after a few tries, as by the live consumer). */
  retryDelayMs?: number;
  onParked?: LogConsumerOptions['onParked'];
}

/**
 * Blue/green: the new version of a projection catches up from the start of the
 * log into tables of its own (schema rebuild_<name>), beside the live one,
 * which keeps serving and writing. Then, in one transaction holding the live
 * tables' locks, the new version finishes catching up, the tables change places,
 * and the live consumer takes the new version's checkpoint. A live batch caught
 * in between rolls back (its checkpoint compare-and-set fails) and runs again
 * on the new tables. Readers see the old tables until the swap commits, then the
 * new ones: never a half-built read model.
 *
 * The projection's handle runs unchanged: the new version's transactions put
 * its schema first on the search_path, so the same unqualified SQL writes there.
 */
export async function rebuildProjection(
  db: Db,
  projection: RebuildableProjection,
  options: RebuildOptions = {},
): Promise<RebuildProgress> {
  const shadowSchema = schemaName('rebuild', projection.name);
  const retiredSchema = schemaName('retired', projection.name);
  const shadowName = `${projection.name}#rebuild`;
  const tables = [...projection.tables, PROGRESS_TABLE];

  await db.transaction().execute(async (trx) => {
    await sql`drop schema if exists ${sql.id(shadowSchema)} cascade`.execute(trx);
    await sql`create schema ${sql.id(shadowSchema)}`.execute(trx);
    for (const table of tables)
      await sql`create table ${sql.id(shadowSchema, table)} (like ${sql.id('public', table)} including all)`.execute(
        trx,
      );
    await copyForeignKeys(trx, projection.tables, shadowSchema);
    await trx.deleteFrom('consumer_checkpoints').where('consumer', '=', shadowName).execute();
    await clearParkedEvents(trx, shadowName);
  });

  const shadow = new LogConsumer(db, {
    name: shadowName,
    types: projection.types,
    after: projection.after,
    batchSize: options.batchSize ?? 1_000,
    ...(options.retryDelayMs !== undefined && { retryDelayMs: options.retryDelayMs }),
    ...(options.onParked && { onParked: options.onParked }),
    handle: async (events, trx) => {
      await sql`set local search_path to ${sql.id(shadowSchema)}, public`.execute(trx);
      await projection.handle(events, trx);
    },
  });

  let processed = 0;
  const remaining = async () => (await consumerStatuses(db, [shadowName]))[0]!.lagEvents;
  for (;;) {
    const moved = await shadow.processBatch();
    processed += moved;
    const left = await remaining();
    await options.onProgress?.({ processed, remaining: left });
    if (left <= (options.swapWhenBehindBy ?? 1_000)) break;
    if (moved === 0) await new Promise((r) => setTimeout(r, 50));
  }

  await db.transaction().execute(async (trx) => {
    // Live batches now wait (or fail) at their first write; reads of the old tables wait for the commit.
    await sql`lock table ${sql.join(projection.tables.map((t) => sql.id('public', t)))} in access exclusive mode`.execute(
      trx,
    );
    let moved: number;
    do {
      moved = await shadow.processBatchIn(trx);
      processed += moved;
    } while (moved > 0);
    await sql`reset search_path`.execute(trx);

    await sql`drop schema if exists ${sql.id(retiredSchema)} cascade`.execute(trx);
    await sql`create schema ${sql.id(retiredSchema)}`.execute(trx);
    for (const table of projection.tables) {
      await sql`alter table ${sql.id('public', table)} set schema ${sql.id(retiredSchema)}`.execute(trx);
      await sql`alter table ${sql.id(shadowSchema, table)} set schema public`.execute(trx);
    }
    await sql`delete from ${sql.id('public', PROGRESS_TABLE)} where projection = ${projection.name}`.execute(trx);
    await sql`insert into ${sql.id('public', PROGRESS_TABLE)} select * from ${sql.id(shadowSchema, PROGRESS_TABLE)} where projection = ${projection.name}`.execute(
      trx,
    );
    await overwriteCheckpoint(trx, projection.name, await readCheckpoint(trx, shadowName));
    // The new version met every event again: what it parked is what stays parked.
    await takeOverParkedEvents(trx, shadowName, projection.name);
    await trx.deleteFrom('consumer_checkpoints').where('consumer', '=', shadowName).execute();
    await sql`drop schema ${sql.id(shadowSchema)} cascade`.execute(trx);
    await sql`drop schema ${sql.id(retiredSchema)} cascade`.execute(trx);
  });
  const done = { processed, remaining: 0 };
  await options.onProgress?.(done);
  return done;
}

/** `like … including all` copies columns, defaults, indexes and checks, not foreign keys: add those between the projection's own tables. */
async function copyForeignKeys(trx: Transaction<Database>, tables: readonly string[], schema: string): Promise<void> {
  const { rows } = await sql<{ table_name: string; name: string; definition: string }>`
    select rel.relname as table_name, con.conname as name, pg_get_constraintdef(con.oid) as definition
    from pg_constraint con
    join pg_class rel on rel.oid = con.conrelid
    join pg_namespace ns on ns.oid = rel.relnamespace
    where con.contype = 'f' and ns.nspname = 'public' and rel.relname = any(${sql.val([...tables])}::text[])`.execute(
    trx,
  );
  if (rows.length === 0) return;
  // Unqualified references in the definitions now resolve to the new tables first.
  await sql`set local search_path to ${sql.id(schema)}, public`.execute(trx);
  for (const row of rows)
    await sql`alter table ${sql.id(schema, row.table_name)} add constraint ${sql.id(row.name)} ${sql.raw(row.definition)}`.execute(
      trx,
    );
  await sql`reset search_path`.execute(trx);
}

function schemaName(prefix: string, projection: string): string {
  return `${prefix}_${projection.replace(/[^a-z0-9]+/gi, '_').toLowerCase()}`.slice(0, 63);
}
