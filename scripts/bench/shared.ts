import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { sql } from 'kysely';
import type pg from 'pg';
import { type Db, createDb, migrateToLatest } from '#db';
import { createTestDatabase } from '#db/testing/test-database';

/** A migrated database for one benchmark run. */
export interface BenchDatabase {
  db: Db;
  pool: pg.Pool;
  /** Connection string (for peers that open their own pool). */
  url: string;
  /** Where it came from, for the output (no credentials). */
  description: string;
  /** True when we created it and drop it at the end. */
  throwaway: boolean;
  close(): Promise<void>;
}

/**
 * DATABASE_URL if set (migrated, left in place), else a fresh throwaway
 * database on TEST_DATABASE_URL's server, dropped by close().
 */
export async function openBenchDatabase(maxConnections: number): Promise<BenchDatabase> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const { db, pool } = createDb(url, { maxConnections, applicationName: 'newsledger-bench' });
    try {
      await migrateToLatest(db);
    } catch (error) {
      await db.destroy();
      throw error;
    }
    const parsed = new URL(url);
    return {
      db,
      pool,
      url,
      description: `DATABASE_URL (${parsed.host}${parsed.pathname})`,
      throwaway: false,
      close: () => db.destroy(),
    };
  }
  const test = await createTestDatabase({ migrate: false });
  try {
    await migrateToLatest(test.db);
  } catch (error) {
    await test.drop(); // never leave a half-migrated throwaway database behind
    throw error;
  }
  const parsed = new URL(test.url);
  return {
    db: test.db,
    pool: test.pool,
    url: test.url,
    description: `throwaway database ${parsed.pathname.slice(1)} on ${parsed.host}`,
    throwaway: true,
    close: () => test.drop(),
  };
}

/** A short tag so a run on a shared DATABASE_URL never collides with another run's streams. */
export const runTag = randomBytes(4).toString('hex');

export async function describeMachine(db: Db): Promise<string[]> {
  const { rows } = await sql<{ server_version: string }>`show server_version`.execute(db);
  const settings = await sql<{ name: string; setting: string }>`
    select name, current_setting(name) as setting from pg_settings
    where name in ('shared_buffers', 'synchronous_commit', 'fsync')
    order by name`.execute(db);
  let model = cpus()[0]?.model ?? 'unknown';
  try {
    const line = execFileSync('lscpu', { encoding: 'utf8' })
      .split('\n')
      .find((l) => l.startsWith('Model name'));
    if (line) model = line.split(':')[1]!.trim();
  } catch {
    // lscpu missing: os.cpus() is good enough.
  }
  return [
    `machine: ${cpus().length} CPUs (${model}), Node ${process.version}, load average at start ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} (shared box: other work skews the figures)`,
    `postgres: ${rows[0]?.server_version} (${settings.rows.map((s) => `${s.name}=${s.setting}`).join(', ')})`,
  ];
}

/** Flushes dirty buffers so a phase does not pay for the previous one's checkpoint. Needs superuser; skipped otherwise. */
export async function checkpoint(db: Db): Promise<void> {
  await sql`checkpoint`.execute(db).catch(() => undefined);
}

export function percentile(sortedAscending: number[], p: number): number {
  if (sortedAscending.length === 0) return Number.NaN;
  const index = Math.min(sortedAscending.length - 1, Math.ceil((p / 100) * sortedAscending.length) - 1);
  return sortedAscending[Math.max(0, index)]!;
}

export function latencySummary(latenciesMs: number[]): { p50: number; p99: number } {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

export const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function nowMs(): number {
  return performance.now();
}
