import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import type { PostgresBinaries } from './binaries.js';
import { type DatabaseUser, userCan } from './database-user.js';
import { PostgresServerError } from './server.js';

/** Root-owned home for what the `postgres` user must reach when the project folder is closed to it. */
export const ROOT_STATE_DIR = '/var/lib/newsledger';

/** The outermost existing folder on the way to `path` that the user cannot enter, if any. */
export function firstClosedFolder(path: string, user: DatabaseUser): string | undefined {
  let existing = path;
  while (!existsSync(existing)) existing = dirname(existing);
  if (userCan(user, '-x', existing)) return undefined;
  const chain: string[] = [];
  for (let folder = existing; ; folder = dirname(folder)) {
    chain.unshift(folder);
    if (dirname(folder) === folder) break;
  }
  return chain.find((folder) => !userCan(user, '-x', folder)) ?? existing;
}

/** mkdir -p whose new folders others may enter (root's umask may be 077). */
export function mkdirReachable(path: string): void {
  const first = mkdirSync(path, { recursive: true });
  if (!first) return;
  for (let folder = path; ; folder = dirname(folder)) {
    chmodSync(folder, 0o755);
    if (folder === first) break;
  }
}

/**
 * The embedded binaries, or a root-owned copy of them under /var/lib/newsledger
 * when the database user cannot reach node_modules (a clone in root's home).
 */
export function reachableBinaries(
  binaries: PostgresBinaries,
  user: DatabaseUser,
  progress: (m: string) => void,
): PostgresBinaries {
  if (user.uid === undefined || userCan(user, '-x', join(binaries.binDir, 'postgres'))) return binaries;
  const target = join(ROOT_STATE_DIR, `postgres-${binaries.source}-${binaries.version}`);
  const complete = join(target, '.complete');
  if (!trustedCopy(target, complete)) {
    progress(`the user postgres cannot reach ${binaries.installDir}: copying the PostgreSQL binaries to ${target}`);
    mkdirReachable(ROOT_STATE_DIR);
    const partial = `${target}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    cpSync(binaries.installDir, partial, { recursive: true, verbatimSymlinks: true });
    writeFileSync(join(partial, '.complete'), `${binaries.installDir}\n`);
    chmodSync(partial, 0o755);
    rmSync(target, { recursive: true, force: true });
    renameSync(partial, target);
  }
  const copy = { ...binaries, installDir: target, binDir: join(target, 'bin') };
  if (!userCan(user, '-x', join(copy.binDir, 'postgres'))) {
    throw new PostgresServerError(
      `the user postgres cannot run ${copy.binDir}/postgres either: set DATABASE_URL, or run as a regular user`,
    );
  }
  return copy;
}

/** A finished copy that only root could have written (it will run as another user, but we still vouch for it). */
function trustedCopy(target: string, complete: string): boolean {
  if (!existsSync(complete) || !existsSync(join(target, 'bin'))) return false;
  return [target, join(target, 'bin'), ...readdirSync(join(target, 'bin')).map((f) => join(target, 'bin', f))].every(
    (path) => {
      const stat = statSync(path);
      return stat.uid === 0 && (stat.mode & 0o022) === 0;
    },
  );
}
