// `npm run -s bench:startup`: how long a newcomer waits. Runs `npm run demo` once, then `npm start`
// ROUNDS times (default 3), each in its own process group on PORT (default 3000), and prints when
// the first line, "listening on" and (demo) the coded article appeared, in seconds from the command;
// each run is stopped with SIGINT to its process group, as Ctrl-C does, and the lines printed from
// the app's "stopping" line on are counted.
// Plain JavaScript: it times the build step too. Uses the embedded database (DATABASE_URL unset).
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const rounds = Number(process.env.ROUNDS ?? 3);
const env = { ...process.env, PORT: process.env.PORT ?? '3000' };
delete env.DATABASE_URL;
delete env.REDIS_URL;

console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}, ${rounds} round(s)`,
);
console.log(report('npm run demo', await timed(['run', 'demo'], /Send the next article/)));
for (let i = 1; i <= rounds; i++) console.log(report(`npm start #${i}`, await timed(['start'], /listening on/)));

function report(name, t) {
  const parts = [`first line ${t.first}`, `listening ${t.listening}`];
  if (t.coded) parts.push(`coded article ${t.coded}`);
  parts.push(`exit ${t.exit}, ${t.linesAfterSignal} line(s) from the stop on`);
  return `${name.padEnd(16)} ${parts.join(', ')}`;
}

function timed(args, until) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const at = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
    const child = spawn('npm', args, { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const times = {};
    let stopping = false;
    let stopSaid = false;
    let linesAfterSignal = 0;
    const onLine = (line) => {
      if (!line.trim()) return;
      // Counted from the app's "SIGINT: stopping" line on (lines already on their way are not its answer).
      stopSaid ||= stopping && /^newsledger: SIGINT/.test(line);
      if (stopSaid) linesAfterSignal++;
      if (line.startsWith('newsledger:')) times.first ??= at();
      if (line.includes('listening on')) times.listening ??= at();
      if (/" — coded, \d+ events/.test(line)) times.coded ??= at();
      if (!stopping && until.test(line)) {
        stopping = true;
        process.kill(-child.pid, 'SIGINT');
      }
    };
    for (const stream of [child.stdout, child.stderr]) {
      let partial = '';
      stream.on('data', (chunk) => {
        const lines = (partial + chunk).split('\n');
        partial = lines.pop();
        lines.forEach(onLine);
      });
    }
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ ...times, exit: signal ?? code, linesAfterSignal }));
  });
}
