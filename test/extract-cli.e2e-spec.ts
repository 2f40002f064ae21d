// The coder's CLI as a user runs it: the compiled script, a file in, one JSON object out.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { htmlToText } from '#ingest';

const ROOT = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'extract-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function extract(args: string[], content: string): { status: number | null; stdout: string; stderr: string } {
  const file = join(dir, `in-${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, content);
  const run = spawnSync(process.execPath, [resolve(ROOT, 'dist/scripts/extraction/extract.js'), ...args, file], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm run -s extract', () => {
  it('prints the language and the events of an English article', () => {
    const run = extract(
      ['--published-at', '2021-04-07'],
      'Iraq and Iran began a new round of talks in Baghdad on Tuesday, officials said.',
    );
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(Object.keys(out)).toEqual(['language', 'events']);
    expect(out.language).toBe('en');
    expect(out.events.map((e: { type: string }) => e.type)).toEqual(['TalksStarted']);
  });

  it('strips HTML as the webhook does, so evidence offsets point into the same text', () => {
    const html =
      '<html><body><nav>Home | World</nav><article><h1>Talks resume</h1>' +
      '<p>Iraq and Iran began a new round of talks in <b>Baghdad</b> on Tuesday, officials said.</p>' +
      '<script>var tracking = 1;</script></article></body></html>';
    const run = extract(['--published-at', '2021-04-07'], html);
    expect(run.status).toBe(0);
    const { events } = JSON.parse(run.stdout) as {
      events: { evidence: { start: number; end: number; text: string }[] }[];
    };
    expect(events.length).toBeGreaterThan(0);
    const text = htmlToText(html);
    for (const e of events) for (const span of e.evidence) expect(text.slice(span.start, span.end)).toBe(span.text);
    expect(run.stdout).not.toContain('<b>');
  });

  it('gives the code of another language and no events, unless told the language', () => {
    const french =
      "L'Irak et l'Iran ont entamé mardi à Bagdad un nouveau cycle de négociations sur la sécurité des frontières.";
    expect(JSON.parse(extract(['--published-at', '2021-04-07'], french).stdout)).toEqual({
      language: 'fr',
      events: [],
    });
    expect(
      JSON.parse(
        extract(['--published-at', '2021-04-07', '--language', 'de'], 'Iraq and Iran began talks on Tuesday.').stdout,
      ),
    ).toEqual({ language: 'de', events: [] });
    expect(
      JSON.parse(
        extract(['--published-at', '2021-04-07', '--language=en-GB'], 'Iraq and Iran began talks on Tuesday.').stdout,
      ).language,
    ).toBe('en');
  });

  it('codes the rest of a text around a sentence that used to crash it', () => {
    const run = extract(
      ['--published-at', '2021-04-07'],
      'A strongly worded letter demanded that the troops leave.\nIran and Iraq began talks on Monday.',
    );
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).events.map((e: { type: string }) => e.type)).toEqual(['TalksStarted']);
  });

  it('exits 2 with a message on a bad date or option', () => {
    const bad = extract(['--published-at', '2021-02-30'], 'Iran met Iraq.');
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('publishedAt must be a date YYYY-MM-DD, got 2021-02-30');
    expect(extract(['--published-at', '2021-04-07', '--language', 'french!'], 'x').stderr).toContain(
      '--language must be a language tag',
    );
  });
});
