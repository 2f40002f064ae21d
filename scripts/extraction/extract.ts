// npm run -s extract -- --published-at YYYY-MM-DD [--language CODE] FILE
// Prints exactly one JSON object {"language":"en","events":[...]} on stdout; errors go to stderr.
// An HTML body is turned into text the way the webhook does it, so offsets match what the pipeline stores.
// A language other than English gives its code and no events; --language takes the sender's word for it.
import { readFileSync } from 'node:fs';
import { createCoder } from '#extraction';
import { cleanPlainText, htmlToText, looksLikeHtml } from '#ingest/html-to-text';

const USAGE = 'usage: npm run -s extract -- --published-at YYYY-MM-DD [--language CODE] FILE';

function fail(msg: string): never {
  process.stderr.write(`extract: ${msg}\n${USAGE}\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
let publishedAt: string | undefined;
let language: string | undefined;
let file: string | undefined;
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === '--published-at') publishedAt = args[++i];
  else if (a.startsWith('--published-at=')) publishedAt = a.slice('--published-at='.length);
  else if (a === '--language') language = args[++i];
  else if (a.startsWith('--language=')) language = a.slice('--language='.length);
  else if (a.startsWith('-') && a !== '-') fail(`unknown option ${a}`);
  else if (file === undefined) file = a;
  else fail(`unexpected argument ${a}`);
}
if (!publishedAt || !/^\d{4}-\d{2}-\d{2}$/.test(publishedAt) || Number.isNaN(Date.parse(publishedAt)))
  fail('--published-at YYYY-MM-DD is required');
if (language !== undefined && !/^[A-Za-z]{2,3}(-[A-Za-z0-9]+)?$/.test(language))
  fail('--language must be a language tag such as "en"');
if (!file) fail('FILE is required');
let body: string;
try {
  body = readFileSync(file === '-' ? 0 : file, 'utf8');
} catch (e) {
  fail(`cannot read ${file}: ${(e as Error).message}`);
}
const text = looksLikeHtml(body) ? htmlToText(body) : cleanPlainText(body);
let result;
try {
  result = createCoder().code({ text, publishedAt, ...(language && { language }) });
} catch (e) {
  fail((e as Error).message);
}
for (const p of result.problems) process.stderr.write(`extract: ${p.kind} ${p.start}..${p.end}: ${p.error}\n`);
if (result.truncated)
  process.stderr.write(`extract: text from ${result.truncated.from} not coded (${result.truncated.reason})\n`);
process.stdout.write(JSON.stringify({ language: result.language, events: result.events }) + '\n');
