// npm run -s bench:extract
// Codes the dev corpus over and over in one process (one core) for ~10 s after
// a warm-up; the last line is `sentences_per_second_per_core N` (wall time); `sentences_per_cpu_second`
// is the same per CPU second of this process, steadier on a shared machine; `coder_load_ms` is createCoder().
import { join } from 'node:path';
import { createCoder } from '#extraction';
import { findProjectRoot } from '#extraction/actors/project-root';
import { loadCorpus } from '#extraction/evaluation/gold';
import { createAnalyser } from '#extraction/sentences/analyse';

const args = process.argv.slice(2);
const seconds = Number(args[args.indexOf('--seconds') + 1] ?? NaN) || 10;
const dir = args.includes('--corpus') ? args[args.indexOf('--corpus') + 1]! : join(findProjectRoot(import.meta.url), '..', 'shared', 'corpus', 'dev');
const corpus = loadCorpus(dir);
const loadStart = performance.now();
const coder = createCoder();
const loadMs = performance.now() - loadStart;
const analyser = createAnalyser();
const sentencesPerPass = corpus.reduce((n, a) => n + analyser.analyse(a.text).sentences.length, 0);
const charsPerPass = corpus.reduce((n, a) => n + a.text.length, 0);

const warmUntil = performance.now() + 2000;
while (performance.now() < warmUntil) for (const a of corpus) coder.extract({ text: a.text, publishedAt: a.publishedAt });

let passes = 0;
let events = 0;
const t0 = performance.now();
// CPU time of this process too: on a shared machine it says what the coder costs, wall time what it got
const cpu0 = process.cpuUsage();
const stop = t0 + seconds * 1000;
while (performance.now() < stop) {
  for (const a of corpus) events += coder.extract({ text: a.text, publishedAt: a.publishedAt }).length;
  passes++;
}
const elapsed = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const articles = (passes * corpus.length) / elapsed;
const sentences = (passes * sentencesPerPass) / elapsed;
console.log(`corpus: ${corpus.length} articles, ${sentencesPerPass} sentences, ${charsPerPass} chars per pass`);
console.log(`passes: ${passes} in ${elapsed.toFixed(2)} s, ${(events / passes).toFixed(1)} events per pass`);
console.log(`articles_per_second ${articles.toFixed(1)}`);
console.log(`chars_per_second ${((passes * charsPerPass) / elapsed).toFixed(0)}`);
console.log(`coder_load_ms ${Math.round(loadMs)}`);
console.log(`sentences_per_cpu_second ${Math.round((passes * sentencesPerPass) / cpuSeconds)}`);
console.log(`sentences_per_second_per_core ${Math.round(sentences)}`);
