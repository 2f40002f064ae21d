import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './support/compiled-app.js';
import { type Standalone, startStandalone } from './support/standalone.js';

const ROOT = resolve(import.meta.dirname, '..');
const SEED = readFileSync(resolve(ROOT, '../shared/corpus/dev/ap-2021-04-07-kadhimi-letter.txt'), 'utf8');

/** `npm run -s send`: the compiled sender against the compiled app, as a person runs it. */
describe('npm run send (end to end)', () => {
  let stack: Standalone | undefined;
  let baseUrl: string;
  let folder: string;

  const send = (args: string[], options: { stdin?: string; env?: Record<string, string> } = {}) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
      const child = spawn(process.execPath, [resolve(ROOT, 'dist/scripts/send/send.js'), ...args], {
        env: { ...process.env, NEWSLEDGER_URL: baseUrl, ...options.env },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.stdin.end(options.stdin ?? '');
      child.once('exit', (code) => done({ code, stdout, stderr }));
    });

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'newsledger-send-'));
    stack = await startStandalone({});
    ({ baseUrl } = stack);
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    rmSync(folder, { recursive: true, force: true });
  }, 60_000);

  it('signs and sends a text file, prints the article id, and with --wait its coded events', async () => {
    const file = join(folder, 'kadhimi.txt');
    writeFileSync(file, SEED);
    const sent = await send([
      '--url',
      'https://apnews.com/article/iraq-iran-militias',
      '--published-at',
      '2021-04-07',
      '--outlet',
      'AP',
      '--wait',
      file,
    ]);
    expect(sent.stderr).toBe('');
    expect(sent.code).toBe(0);
    const [id, status, header] = sent.stdout.split('\n');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(status).toMatch(/^coded, \d+ event\(s\)$/);
    expect(header).toMatch(/^type\s+agent\s+target\s+date\s+modality\s+place\s+evidence$/);
    expect(sent.stdout).toContain('LetterSent');
    const article = (await (await fetch(`${baseUrl}/api/articles/${id}`)).json()) as { title: string; outlet: string };
    expect(article).toMatchObject({ outlet: 'AP', title: SEED.trim().split('\n')[0]!.trim() });

    // The same again: stored once.
    const again = await send([
      '--url',
      'https://apnews.com/article/iraq-iran-militias',
      '--published-at',
      '2021-04-07',
      '--outlet',
      'AP',
      file,
    ]);
    expect(again.stdout.trim()).toBe(`${id}  (already stored: nothing new)`);
  }, 120_000);

  it('reads a JSON body from stdin', async () => {
    const body = {
      url: 'https://news.example.org/talks',
      title: 'Iraq and Iran hold talks',
      publishedAt: '2021-04-08',
      outlet: 'Example',
      body: 'Iraq and Iran held talks in Baghdad on Monday.',
    };
    const sent = await send([], { stdin: JSON.stringify(body) });
    expect(sent.code).toBe(0);
    expect(sent.stdout.trim()).toMatch(/^[0-9a-f-]{36}$/);
  }, 60_000);

  it('says what is wrong: a missing field, a wrong secret, no server', async () => {
    const file = join(folder, 'short.txt');
    writeFileSync(file, 'Iraq and Iran held talks.');
    const missing = await send([file]);
    expect([missing.code, missing.stderr]).toEqual([
      1,
      expect.stringContaining('send: missing url, publishedAt, outlet'),
    ]);
    const forged = await send(['--url', 'https://x.example/1', '--published-at', '2021-04-08', file], {
      env: { WEBHOOK_SECRET: 'whsec_d3JvbmcgZGV2ZWxvcG1lbnQgc2VjcmV0' },
    });
    expect([forged.code, forged.stderr]).toEqual([1, expect.stringMatching(/→ 401: webhook signature rejected/)]);
    const nobody = await send(['--url', 'https://x.example/1', '--published-at', '2021-04-08', file], {
      env: { NEWSLEDGER_URL: `http://127.0.0.1:${await freePort()}` },
    });
    expect([nobody.code, nobody.stderr]).toEqual([1, expect.stringContaining('cannot reach')]);
  }, 60_000);
});
