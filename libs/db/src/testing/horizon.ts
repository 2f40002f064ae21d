import { type Kysely, sql } from 'kysely';

/**
 * Who holds back the transaction horizon of the whole server. Log consumers read
 * only events of transactions older than every transaction still open anywhere
 * on the server (pg_snapshot_xmin), so an old open transaction in any database
 * stalls them. A catch-up wait that times out says who, so that the reader
 * knows whether it is the code or the server.
 */
export interface HorizonHolder {
  pid: number;
  database: string | null;
  user: string | null;
  application: string | null;
  state: string | null;
  ageSeconds: number | null;
  query: string | null;
}

export async function horizonHolders(db: Kysely<any>, limit = 3): Promise<HorizonHolder[]> {
  const { rows } = await sql<HorizonHolder>`
    select pid, datname as database, usename as "user", application_name as application, state,
           extract(epoch from now() - xact_start)::int as "ageSeconds",
           left(regexp_replace(query, '\\s+', ' ', 'g'), 160) as query
      from pg_stat_activity
     where pid <> pg_backend_pid() and (backend_xid is not null or backend_xmin is not null)
     order by greatest(age(backend_xid), age(backend_xmin)) desc nulls last
     limit ${limit}`.execute(db);
  return rows;
}

/** One paragraph for a failure message: the oldest open transactions, and prepared ones, if any. */
export async function describeHorizon(db: Kysely<any>): Promise<string> {
  try {
    const holders = await horizonHolders(db);
    const { rows: prepared } = await sql<{ gid: string; database: string; ageSeconds: number }>`
      select gid, database, extract(epoch from now() - prepared)::int as "ageSeconds" from pg_prepared_xacts`.execute(
      db,
    );
    if (holders.length === 0 && prepared.length === 0)
      return 'No other transaction is open on the server: the horizon is not what holds the consumer back.';
    const lines = holders.map(
      (h) =>
        `  pid ${h.pid}, database ${h.database ?? '?'}, user ${h.user ?? '?'}, application "${h.application ?? ''}", ` +
        `${h.state ?? '?'}, transaction open for ${h.ageSeconds ?? '?'} s, last query: ${h.query ?? '?'}`,
    );
    for (const p of prepared)
      lines.push(`  prepared transaction "${p.gid}" in database ${p.database}, ${p.ageSeconds} s old`);
    const intro = 'Log consumers read only below the oldest open transaction on the whole server; the oldest now:';
    return `${intro}\n${lines.join('\n')}`;
  } catch (error) {
    return `(could not read pg_stat_activity: ${error instanceof Error ? error.message : String(error)})`;
  }
}
