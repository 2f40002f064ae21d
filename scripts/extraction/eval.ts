// npm run -s eval [-- --corpus DIR] [--verbose] [--fold fN ...] [--types]
// Scores the coder against a gold corpus by the catalog's rules: per fold, for
// the folds developers read while writing rules ("seen") and for the others
// ("unseen": the figure that says whether a rule generalises), and the false
// events on the non-political negatives (articles whose gold has no event).
// --verbose lists each article's hits and misses, for the seen folds only
// unless --fold names others: reading an unseen fold makes it seen.
import { join } from 'node:path';
import { EVENT_TYPE_NAMES } from '#domain';
import { createCoder } from '#extraction';
import { findProjectRoot } from '#extraction/actors/project-root';
import { foldOf, isLookedAt, LOOKED_AT } from '#extraction/evaluation/folds';
import { loadCorpus } from '#extraction/evaluation/gold';
import { aggregate, f1, scoreArticle, type CorpusScore } from '#extraction/evaluation/score';

const args = process.argv.slice(2);
const root = findProjectRoot(import.meta.url);
let dir = join(root, '..', 'shared', 'corpus', 'dev');
let verbose = false;
let perType = false;
const foldsToShow = new Set<string>();
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--corpus') dir = args[++i] ?? dir;
  else if (args[i] === '--verbose' || args[i] === '-v') verbose = true;
  else if (args[i] === '--types') perType = true;
  else if (args[i] === '--fold') foldsToShow.add(args[++i] ?? '');
  else {
    process.stderr.write(`eval: unknown argument ${args[i]}\n`);
    process.exit(2);
  }
}
let corpus;
try {
  corpus = loadCorpus(dir);
} catch (e) {
  process.stderr.write(`eval: cannot read corpus ${dir}: ${(e as Error).message}\n`);
  process.exit(2);
}
const coder = createCoder();
const items = corpus.map((a) => ({
  id: a.id,
  fold: foldOf(a.id),
  text: a.text,
  coded: coder.extract({ text: a.text, publishedAt: a.publishedAt }),
  gold: a.events,
}));

if (verbose) {
  const shown = (fold: string): boolean => (foldsToShow.size ? foldsToShow.has(fold) : isLookedAt(fold));
  for (const it of items.filter((x) => shown(x.fold))) {
    const s = scoreArticle(it.text, it.coded, it.gold);
    const actors = (xs: { id: string }[]): string => xs.map((x) => x.id).join(',');
    console.log(`\n## ${it.id} (${it.fold})`);
    for (const [c, g] of s.matched) {
      const e = it.coded[c]!;
      const gd = it.gold[g]!;
      console.log(
        `  OK   ${e.type} ${JSON.stringify(e.evidence[0]!.text)} date=${e.date.start}..${e.date.end}/${gd.date.start}..${gd.date.end}` +
          ` mod=${e.modality}/${gd.modality} agent=${actors(e.agent)}/${actors(gd.agent)} target=${actors(e.target)}`,
      );
    }
    for (const c of s.optional)
      console.log(`  opt  ${it.coded[c]!.type} ${JSON.stringify(it.coded[c]!.evidence[0]!.text)}`);
    for (const c of s.duplicates)
      console.log(`  DUP  ${it.coded[c]!.type} ${JSON.stringify(it.coded[c]!.evidence.map((e) => e.text))}`);
    for (const c of s.falsePositives) {
      const e = it.coded[c]!;
      console.log(
        `  FP   ${e.type} ${JSON.stringify(e.evidence.map((x) => x.text))} agent=${actors(e.agent)} target=${actors(e.target)}`,
      );
    }
    for (const g of s.missed) {
      const gd = it.gold[g]!;
      console.log(
        `  MISS ${gd.type} ${JSON.stringify(gd.evidence[0])} agent=${gd.agent.map((x) => x.country)} target=${gd.target.map((x) => x.country)}`,
      );
    }
  }
  console.log('');
}

const pct = (x: number): string => x.toFixed(3);
const line = (name: string, n: number, s: CorpusScore): string =>
  `| ${name} | ${n} | ${pct(s.micro.p)} | ${pct(s.micro.r)} | ${pct(s.micro.f1)} | ${pct(s.macroF1)} | ${pct(s.dateAccuracy)} | ${pct(s.modalityAccuracy)} | ${pct(s.duplicateRate)} |`;
const all = aggregate(items);

console.log(`corpus: ${dir} (${items.length} articles, coder ${coder.version})`);
if (perType) {
  console.log('\n| type | P | R | F1 | support |\n|---|---|---|---|---|');
  for (const t of EVENT_TYPE_NAMES) {
    const c = all.perType.get(t);
    if (!c) continue;
    const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
    const r = c.support ? c.tp / c.support : 0;
    console.log(`| ${t} | ${pct(p)} | ${pct(r)} | ${pct(f1(p, r))} | ${c.support} |`);
  }
}
console.log(
  '\n| folds | articles | P | R | micro-F1 | macro-F1 | date | modality | duplicates |\n|---|---|---|---|---|---|---|---|---|',
);
const folds = [...new Set(items.map((x) => x.fold))].sort();
for (const f of folds) {
  const xs = items.filter((x) => x.fold === f);
  console.log(line(`${f}${isLookedAt(f) ? ' (seen)' : ''}`, xs.length, aggregate(xs)));
}
const seen = items.filter((x) => isLookedAt(x.fold));
const unseen = items.filter((x) => !isLookedAt(x.fold));
console.log(line(`seen: ${LOOKED_AT.join(',')}`, seen.length, aggregate(seen)));
if (unseen.length)
  console.log(line(`**unseen**: ${folds.filter((f) => !isLookedAt(f)).join(',')}`, unseen.length, aggregate(unseen)));
console.log(line('all', items.length, all));

const negatives = items.filter((x) => x.gold.every((g) => !g.required));
const falseEvents = negatives.reduce((n, x) => n + scoreArticle(x.text, x.coded, x.gold).falsePositives.length, 0);
console.log(
  `\nnegatives (no required gold event): ${negatives.length} articles, ${falseEvents} false events (${pct(negatives.length ? falseEvents / negatives.length : 0)} per article)`,
);
console.log(
  `among ${all.matchedCount} matched: date ${pct(all.dateAccuracy)}, modality ${pct(all.modalityAccuracy)}, agent ids ${pct(all.agentIdAccuracy)}`,
);
