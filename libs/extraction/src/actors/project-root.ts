import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root: the nearest directory above `from` holding a package.json.
 * Works from the TypeScript sources (Jest) and from compiled dist/libs/... alike.
 */
export function findProjectRoot(from: string): string {
  let dir = from.startsWith('file:') ? dirname(fileURLToPath(from)) : from;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${from}`);
    dir = parent;
  }
}
