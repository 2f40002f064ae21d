// npm run -s eval [-- --corpus DIR] [--verbose]
// Scores the coder against a gold corpus by the catalog's rules.
import { join } from 'node:path';
import { EVENT_TYPE_NAMES } from '#domain';
import { createCoder } from '#extraction';
import { findProjectRoot } from '#extraction/actors/project-root';
import { loadCorpus } from '#extraction/evaluation/gold';
import { aggregate, f1, scoreArticle } from '#extraction/evaluation/score';

const args = process.argv.slice(2);
const root = findProjectRoot(import.meta.url);
let dir = join(root, '..', 'shared', 'corpus', 'dev');
let verbose = false;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--corpus') dir = args[++i] ?? dir;
  else if (args[i] === '--verbose' || args[i] === '-v') verbose = true;
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
const items = corpus.map((a) => ({ id: a.id, text: a.text, coded: coder.extract({ text: a.text, publishedAt: a.publishedAt }), gold: a.events }));

if (verbose) {
  for (const it of items) {
    const s = scoreArticle(it.text, it.coded, it.gold);
    console.log(`\n## ${it.id}`);
    for (const [c, g] of s.matched) console.log(`  OK   ${it.coded[c]!.type} ${JSON.stringify(it.coded[c]!.evidence[0]!.text)} date=${it.coded[c]!.date.start}..${it.coded[c]!.date.end}/${it.gold[g]!.date.start}..${it.gold[g]!.date.end} mod=${it.coded[c]!.modality}/${it.gold[g]!.modality} agent=${it.coded[c]!.agent.map((x) => x.id)}/${it.gold[g]!.agent.map((x) => x.id)} target=${it.coded[c]!.target.map((x) => x.id)}`);
    for (const c of s.optional) console.log(`  opt  ${it.coded[c]!.type} ${JSON.stringify(it.coded[c]!.evidence[0]!.text)}`);
    for (const c of s.duplicates) console.log(`  DUP  ${it.coded[c]!.type} ${JSON.stringify(it.coded[c]!.evidence.map((e) => e.text))}`);
    for (const c of s.falsePositives) console.log(`  FP   ${it.coded[c]!.type} ${JSON.stringify(it.coded[c]!.evidence.map((e) => e.text))} agent=${it.coded[c]!.agent.map((x) => x.id)} target=${it.coded[c]!.target.map((x) => x.id)}`);
    for (const g of s.missed) console.log(`  MISS ${it.gold[g]!.type} ${JSON.stringify(it.gold[g]!.evidence[0])} agent=${it.gold[g]!.agent.map((x) => x.country)} target=${it.gold[g]!.target.map((x) => x.country)}`);
  }
  console.log('');
}

const s = aggregate(items);
const pct = (x: number): string => x.toFixed(3);
console.log(`corpus: ${dir} (${items.length} articles, coder ${coder.version})`);
console.log('');
console.log('| type | P | R | F1 | support |');
console.log('|---|---|---|---|---|');
for (const t of EVENT_TYPE_NAMES) {
  const c = s.perType.get(t);
  if (!c) continue;
  const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const r = c.support ? c.tp / c.support : 0;
  console.log(`| ${t} | ${pct(p)} | ${pct(r)} | ${pct(f1(p, r))} | ${c.support} |`);
}
console.log('');
console.log(`micro: P ${pct(s.micro.p)} R ${pct(s.micro.r)} F1 ${pct(s.micro.f1)} (tp ${s.micro.tp}, fp ${s.micro.fp}, fn ${s.micro.fn})`);
console.log(`macro-F1: ${pct(s.macroF1)}`);
console.log(`among ${s.matchedCount} matched: date ${pct(s.dateAccuracy)}, modality ${pct(s.modalityAccuracy)}, agent ids ${pct(s.agentIdAccuracy)}`);
console.log(`duplicate rate: ${pct(s.duplicateRate)}`);
