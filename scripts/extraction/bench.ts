// npm run -s bench:extract [-- --seconds 10] [--corpus DIR] [--baseline CHECKOUT]
// Codes the dev corpus over and over in one process (one core) for ~10 s after
// a warm-up; the last line is `sentences_per_second_per_core N` (wall time); `sentences_per_cpu_second`
// is the same per CPU second of this process, steadier on a shared machine; `coder_load_ms` is createCoder().
// --baseline CHECKOUT: another checkout of newsledger, built with
// `npx tsc -p tsconfig.extraction.json`, whose coder is timed in the same
// process, passes alternating with this one's (so both see the same machine);
// prints its figure too and `ratio_to_baseline` (this one's speed / the baseline's).
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCoder } from '#extraction';
import { findProjectRoot } from '#extraction/actors/project-root';
import { loadCorpus } from '#extraction/evaluation/gold';
import { createAnalyser } from '#extraction/sentences/analyse';

type Extract = (input: { text: string; publishedAt: string }) => unknown[];

const args = process.argv.slice(2);
const option = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const seconds = Number(option('--seconds') ?? NaN) || 10;
const dir = option('--corpus') ?? join(findProjectRoot(import.meta.url), '..', 'shared', 'corpus', 'dev');
const baselineDir = option('--baseline');
const corpus = loadCorpus(dir);
const analyser = createAnalyser();
const sentencesPerPass = corpus.reduce((n, a) => n + analyser.analyse(a.text).sentences.length, 0);
const charsPerPass = corpus.reduce((n, a) => n + a.text.length, 0);

const loadStart = performance.now();
const coder = createCoder();
const loadMs = performance.now() - loadStart;
const contenders: { name: string; extract: Extract; seconds: number; passes: number; events: number }[] = [
  { name: 'this checkout', extract: (input) => coder.extract(input), seconds: 0, passes: 0, events: 0 },
];
if (baselineDir) {
  const url = pathToFileURL(resolve(baselineDir, 'dist/libs/extraction/src/index.js')).href;
  const baseline = ((await import(url)) as { createCoder: () => { extract: Extract } }).createCoder();
  contenders.push({
    name: `baseline ${baselineDir}`,
    extract: (input) => baseline.extract(input),
    seconds: 0,
    passes: 0,
    events: 0,
  });
}

const pass = (c: (typeof contenders)[number]): void => {
  const t0 = performance.now();
  for (const a of corpus) c.events += c.extract({ text: a.text, publishedAt: a.publishedAt }).length;
  c.seconds += (performance.now() - t0) / 1000;
  c.passes++;
};
const warmUntil = performance.now() + 2000 * contenders.length;
while (performance.now() < warmUntil) for (const c of contenders) pass(c);
for (const c of contenders) Object.assign(c, { seconds: 0, passes: 0, events: 0 });

// CPU time of this process too: on a shared machine it says what the coders cost, wall time what they got
const cpu0 = process.cpuUsage();
const stop = performance.now() + seconds * 1000 * contenders.length;
for (let round = 0; performance.now() < stop; round++) {
  // alternate which goes first, so neither always runs on a warmer cache
  for (const c of round % 2 === 0 ? contenders : [...contenders].reverse()) pass(c);
}
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
console.log(`corpus: ${corpus.length} articles, ${sentencesPerPass} sentences, ${charsPerPass} chars per pass`);
const speed = (c: (typeof contenders)[number]): number => (c.passes * sentencesPerPass) / c.seconds;
for (const c of contenders.slice(1)) {
  console.log(
    `${c.name}: ${c.passes} passes in ${c.seconds.toFixed(2)} s, sentences_per_second ${Math.round(speed(c))}`,
  );
}
const self = contenders[0]!;
console.log(
  `passes: ${self.passes} in ${self.seconds.toFixed(2)} s, ${(self.events / self.passes).toFixed(1)} events per pass`,
);
console.log(`articles_per_second ${((self.passes * corpus.length) / self.seconds).toFixed(1)}`);
console.log(`chars_per_second ${((self.passes * charsPerPass) / self.seconds).toFixed(0)}`);
if (contenders[1]) console.log(`ratio_to_baseline ${(speed(self) / speed(contenders[1])).toFixed(3)}`);
console.log(`coder_load_ms ${Math.round(loadMs)}`);
if (!contenders[1])
  console.log(`sentences_per_cpu_second ${Math.round((self.passes * sentencesPerPass) / cpuSeconds)}`);
console.log(`sentences_per_second_per_core ${Math.round(speed(self))}`);
