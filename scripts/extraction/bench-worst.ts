// npm run -s bench:extract-worst [-- --size 1000000] [--rounds 3] [--shape NAME]
// Codes 1 MB texts of hostile shapes (one word, no punctuation, nested brackets,
// one giant sentence, many tiny sentences, …) and 1 MB of real news (the dev
// corpus repeated) in one process, shapes alternating round after round; prints
// the median time of each and its ratio to the news of the same run. The
// language is given as English, as a sender may, so that detection cannot
// spare the coder any text. Last lines: `worst_shape`, `worst_ms`, `worst_ratio_to_news`.
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { createCoder, type CodingResult } from '#extraction';
import { findProjectRoot } from '#extraction/actors/project-root';
import { loadCorpus } from '#extraction/evaluation/gold';
import { HOSTILE_SHAPES } from '#extraction/evaluation/hostile-texts';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const size = Number(option('--size') ?? 1_000_000);
const rounds = Number(option('--rounds') ?? 3);
const only = option('--shape');

const corpus = loadCorpus(join(findProjectRoot(import.meta.url), '..', 'shared', 'corpus', 'dev'));
const news = corpus.map((a) => a.text).join('\n\n');
const shapes: Record<string, string> = {
  'news (dev corpus repeated)': news.repeat(Math.ceil(size / news.length)).slice(0, size),
};
for (const [name, make] of Object.entries(HOSTILE_SHAPES)) if (!only || name === only) shapes[name] = make(size);

const coder = createCoder();
coder.code({ text: news, publishedAt: '2021-04-07', language: 'en' }); // warm up

const times = new Map<string, number[]>(Object.keys(shapes).map((name) => [name, []]));
const results = new Map<string, CodingResult>();
const names = Object.keys(shapes);
for (let round = 0; round < rounds; round++) {
  // alternate the order so that no shape always runs on a warmer or busier machine
  const order = round % 2 === 0 ? names : [...names].reverse();
  for (const name of order) {
    const t0 = performance.now();
    const result = coder.code({ text: shapes[name]!, publishedAt: '2021-04-07', language: 'en' });
    times.get(name)!.push(performance.now() - t0);
    results.set(name, result);
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const newsMs = median(times.get(names[0]!)!);
console.log(
  `size ${size} chars, ${rounds} rounds, load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
console.log('\n| text | coded chars | events | problems | median ms | ratio to news |\n|---|---|---|---|---|---|');
let worst = names[0]!;
for (const name of names) {
  const r = results.get(name)!;
  const ms = median(times.get(name)!);
  if (ms > median(times.get(worst)!)) worst = name;
  const coded = r.truncated ? `${r.truncated.from} (${r.truncated.reason})` : String(shapes[name]!.length);
  console.log(
    `| ${name} | ${coded} | ${r.events.length} | ${r.problems.length} | ${Math.round(ms)} | ` +
      `${(ms / newsMs).toFixed(2)} |`,
  );
}
console.log(`\nworst_shape ${worst}`);
console.log(`worst_ms ${Math.round(median(times.get(worst)!))}`);
console.log(`worst_ratio_to_news ${(median(times.get(worst)!) / newsMs).toFixed(2)}`);
