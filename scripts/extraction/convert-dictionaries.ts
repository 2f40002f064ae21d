// npm run -s convert:dictionaries [-- --from DIR] [--to DIR]
// Converts the CAMEO verb patterns and the Phoenix actor, agent and discard
// dictionaries (../shared/data/petrarch2, MIT, Open Event Data Alliance) into
// the coder's own tables in libs/extraction/data/dictionaries/. Deterministic:
// the same input gives byte-identical output, so a rerun shows as no diff.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findProjectRoot } from '#extraction/actors/project-root';
import { convertActors, type DictActor } from '#extraction/actors/phoenix-convert';
import { parseActorDictionary, parseAgentDictionary } from '#extraction/actors/phoenix-format';
import { parseCameoDictionary, typeOfCameo } from '#extraction/triggers/cameo-format';
import { parseDiscards } from '#extraction/triggers/discards';

const args = process.argv.slice(2);
const root = findProjectRoot(import.meta.url);
const arg = (name: string, dflt: string): string => (args.includes(name) ? args[args.indexOf(name) + 1]! : dflt);
const from = arg('--from', join(root, '..', 'shared', 'data', 'petrarch2'));
const to = arg('--to', join(root, 'libs', 'extraction', 'data', 'dictionaries'));
const read = (f: string): string => readFileSync(join(from, f), 'utf8');

const countries = JSON.parse(
  readFileSync(join(root, 'libs', 'extraction', 'data', 'countries.json'), 'utf8'),
) as Array<{ iso3: string }>;
const isoCodes = new Set(countries.map((c) => c.iso3));

// --- triggers: blocks whose verbs or patterns carry a code of the catalog ---
const cameo = parseCameoDictionary(read('CAMEO.2.0.txt'));
const usedSynsets = new Set<string>();
const blocks = [];
for (const b of cameo.blocks) {
  const typed = b.verbs.some((v) => typeOfCameo(v.code)) || b.patterns.some((p) => typeOfCameo(p.code));
  if (!typed || b.verbs.length === 0) continue;
  for (const p of b.patterns) for (const e of [...p.before, ...p.after]) if (e.startsWith('&')) usedSynsets.add(e);
  blocks.push({
    name: b.name.toLowerCase(),
    verbs: b.verbs.map((v) => [v.lemma, v.forms, v.pre, v.post, v.code, typeOfCameo(v.code) ?? null]),
    // a pattern with a code outside the catalog stays: it says what the verb means there ("withdraw from the race")
    patterns: b.patterns.map((p) => {
      // leaving an agreement is rejecting it (the catalog's RejectionIssued), not a cut in relations
      const code = /^16/.test(p.code) && p.after.includes('&TREATY') ? '127' : p.code;
      return [code, typeOfCameo(code) ?? null, p.before, p.after];
    }),
  });
}
const synsets: Record<string, string[]> = {};
for (const name of [...usedSynsets].sort()) synsets[name] = [...new Set(cameo.synsets.get(name) ?? [])];

// --- actors, agents, discards ---
const agents = parseAgentDictionary(read('Phoenix.agents.txt'));
const commonWords = new Set<string>([
  ...agents.filter((a) => !a.phrase.includes(' ')).map((a) => a.phrase),
  ...cameo.blocks.flatMap((b) => b.verbs.map((v) => v.lemma)),
  ...Object.values(synsets)
    .flat()
    .filter((w) => !w.includes(' ')),
]);
const records = [
  'Phoenix.Countries.actors.txt',
  'Phoenix.International.actors.txt',
  'Phoenix.MilNonState.actors.txt',
].flatMap((f) => parseActorDictionary(read(f)));
const table = convertActors(records, { isoCodes, commonWords });
const discards = parseDiscards(read('Phoenix.discards.txt'));

mkdirSync(to, { recursive: true });
// one row per line: diffs of a rerun stay readable
const lines = (rows: unknown[]): string => `[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`;
writeFileSync(
  join(to, 'actors.json'),
  `{"places":${lines(table.places)},"actors":${lines(table.actors.map((a: DictActor) => a))}}\n`,
);
writeFileSync(join(to, 'agents.json'), lines(agents.map((a) => [a.phrase, a.sector])));
writeFileSync(join(to, 'triggers.json'), `{"synsets":${JSON.stringify(synsets)},\n"blocks":${lines(blocks)}}\n`);
writeFileSync(join(to, 'discards.json'), JSON.stringify(discards, null, 0).replace(/\],/g, '],\n') + '\n');
writeFileSync(join(to, 'LICENSE'), read('LICENSE'));

const persons = table.actors.filter((a) => a.kind === 'person').length;
console.log(
  `actors: ${table.actors.length} (${persons} persons), places: ${table.places.length}, agents: ${agents.length}`,
);
console.log(
  `trigger blocks: ${blocks.length}, patterns: ${blocks.reduce((n, b) => n + b.patterns.length, 0)}, synsets: ${Object.keys(synsets).length}`,
);
console.log(`discards: ${discards.sentence.length} sentence, ${discards.story.length} story`);
