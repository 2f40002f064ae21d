// npm run -s extract -- --published-at YYYY-MM-DD FILE
// Prints exactly one JSON object {"events":[...]} on stdout; errors go to stderr.
import { readFileSync } from 'node:fs';
import { createCoder } from '#extraction';

function fail(msg: string): never {
  process.stderr.write(`extract: ${msg}\nusage: npm run -s extract -- --published-at YYYY-MM-DD FILE\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
let publishedAt: string | undefined;
let file: string | undefined;
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === '--published-at') publishedAt = args[++i];
  else if (a.startsWith('--published-at=')) publishedAt = a.slice('--published-at='.length);
  else if (a.startsWith('-') && a !== '-') fail(`unknown option ${a}`);
  else if (file === undefined) file = a;
  else fail(`unexpected argument ${a}`);
}
if (!publishedAt || !/^\d{4}-\d{2}-\d{2}$/.test(publishedAt) || Number.isNaN(Date.parse(publishedAt))) fail('--published-at YYYY-MM-DD is required');
if (!file) fail('FILE is required');
let text: string;
try {
  text = readFileSync(file === '-' ? 0 : file, 'utf8');
} catch (e) {
  fail(`cannot read ${file}: ${(e as Error).message}`);
}
const events = createCoder().extract({ text, publishedAt });
process.stdout.write(JSON.stringify({ events }) + '\n');
