// `npm run build` (and the first step of start, demo and the tests): builds only
// what changed, and says so.
// - TypeScript: `tsc -b tsconfig.build.json` compares the sources with dist/.tsbuildinfo.build
//   and compiles only what changed; with nothing changed it returns in well under a second.
// - Dashboard: `vite build` runs only when a file of apps/dashboard (or package-lock.json) is
//   newer than dist/dashboard/index.html.
// Plain JavaScript: it runs before anything is compiled.
//   node scripts/build.mjs [--no-dashboard]
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const withDashboard = !process.argv.includes('--no-dashboard');
const started = performance.now();
const say = (line) => process.stderr.write(`newsledger: ${line}\n`);
const seconds = (since) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

const buildInfo = join(root, 'dist/.tsbuildinfo.build');
const before = mtime(buildInfo);
const compileStart = performance.now();
// Say something if the compiler is not done at once (a first build takes 15-30 s), and every
// few seconds after that, so that a long first build never looks like a hang.
let ticker;
const slow = setTimeout(() => {
  say('checking the TypeScript build (compiling only what changed since the last one)…');
  ticker = setInterval(() => say(`still compiling TypeScript (${seconds(compileStart)})…`), 5000);
}, 1000);
await run(join(root, 'node_modules/typescript/bin/tsc'), ['-b', 'tsconfig.build.json']);
clearTimeout(slow);
clearInterval(ticker);
const compiled = mtime(buildInfo) !== before;
if (compiled) say(`compiled TypeScript in ${seconds(compileStart)}`);

let dashboardBuilt = false;
if (withDashboard) {
  const output = mtime(join(root, 'dist/dashboard/index.html'));
  const newestInput = Math.max(newest(join(root, 'apps/dashboard')), mtime(join(root, 'package-lock.json')));
  if (output < newestInput) {
    const viteStart = performance.now();
    say('building the dashboard (vite)…');
    await run(join(root, 'node_modules/vite/bin/vite.js'), [
      'build',
      '--config',
      'apps/dashboard/vite.config.ts',
      '--logLevel',
      'warn',
    ]);
    say(`built the dashboard in ${seconds(viteStart)}`);
    dashboardBuilt = true;
  }
}
if (!compiled && !dashboardBuilt) say(`build up to date (checked in ${seconds(started)})`);

function run(script, args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: root, stdio: 'inherit' });
    child.once('exit', (code, signal) => {
      if (code === 0) return resolve();
      say(`build failed (${script.split('/node_modules/')[1]} ${signal ?? `exit code ${code}`})`);
      process.exit(code || 1);
    });
  });
}

function mtime(path) {
  return existsSync(path) ? statSync(path).mtimeMs : 0;
}

/** The newest modification time of a file under a folder (node_modules aside). */
function newest(folder) {
  let latest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(folder, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}
