import { createHmac } from 'node:crypto';
import { TEST_WEBHOOK_SECRET, deliver, signedHeaders } from './signed-delivery.js';

/** What a hostile case must get: a refusal (any 4xx, or this exact status), or storage (2xx). */
export type Expectation = { refused: number | '4xx'; field?: string } | { stored: true };

export interface HostileCase {
  name: string;
  send(): Promise<{ status: number; json: any }>;
  expect: Expectation;
}

export interface Answer {
  status: number;
  json: any;
}

/** A normal article of this suite: long enough to be coded, unique per name. */
export const normalArticle = (name: string, extra: Record<string, unknown> = {}) => ({
  url: `https://news.example.org/hostile/${name}`,
  title: `Talks ${name}`,
  publishedAt: '2021-04-07',
  outlet: 'Example',
  body: `Iraq and Iran held talks on border security in Baghdad on Monday, officials said (${name}). The delegations discussed trade.`,
  ...extra,
});

export async function readAnswer(response: Response): Promise<Answer> {
  const text = await response.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON: keep the text */
  }
  return { status: response.status, json };
}

/** Signs arbitrary bytes (standardwebhooks signs strings only; invalid UTF-8 cannot be one). */
export async function deliverBytes(
  baseUrl: string,
  id: string,
  bytes: Buffer,
  contentType = 'application/json',
): Promise<Answer> {
  const timestamp = Math.floor(Date.now() / 1000);
  const key = Buffer.from(TEST_WEBHOOK_SECRET.slice('whsec_'.length), 'base64');
  const signature = createHmac('sha256', key)
    .update(Buffer.concat([Buffer.from(`${id}.${timestamp}.`), bytes]))
    .digest('base64');
  const headers = {
    'content-type': contentType,
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': `v1,${signature}`,
  };
  return readAnswer(await fetch(`${baseUrl}/webhooks/articles`, { method: 'POST', headers, body: bytes }));
}

const nested = (depth: number) =>
  `${'<div>'.repeat(depth)}Iraq and Iran held talks in Baghdad on Monday.${'</div>'.repeat(depth)}`;
/** ~5.5 KB and ~11 KB of nested elements (13.6 s and 82 s of a frozen api before) and 60,000 nested divs (~5 min). */
export const NESTED_BODIES = { small: nested(500), medium: nested(1_000), huge: nested(60_000) };

/** Every webhook case of findings 1, 3, 4 and 11 that concern ingest. */
export function webhookCases(baseUrl: string): HostileCase[] {
  let n = 0;
  const id = (name: string) => `msg_hostile_${name}_${n++}`;
  const article =
    (name: string, extra: Record<string, unknown>): HostileCase['send'] =>
    () =>
      deliver(baseUrl, { id: id(name), body: JSON.stringify(normalArticle(name, extra)) });
  const refused = (field: string) => ({ refused: 400, field });
  const cases: [string, HostileCase['send'], Expectation][] = [
    ['publishedAt 0001-01-01', article('y1', { publishedAt: '0001-01-01' }), refused('publishedAt')],
    ['publishedAt 0000-01-01', article('y0', { publishedAt: '0000-01-01' }), refused('publishedAt')],
    ['publishedAt 1899-12-31', article('y1899', { publishedAt: '1899-12-31' }), refused('publishedAt')],
    ['publishedAt 9999-12-31', article('y9999', { publishedAt: '9999-12-31' }), refused('publishedAt')],
    [
      'publishedAt a year ahead',
      article('ahead', { publishedAt: `${new Date().getUTCFullYear() + 1}-06-01T00:00:00Z` }),
      refused('publishedAt'),
    ],
    ['publishedAt 2021-02-30', article('feb30', { publishedAt: '2021-02-30' }), refused('publishedAt')],
    ['url of 100 KB', article('url100k', { url: `https://news.example.org/${'a'.repeat(100_000)}` }), refused('url')],
    ['url of 3 KB', article('url3k', { url: `https://news.example.org/${'a'.repeat(3_000)}` }), refused('url')],
    [
      'url of 1,500 Cyrillic letters (4 KB percent-encoded)',
      article('urlcyr', { url: `https://news.example.org/${'я'.repeat(1_500)}` }),
      refused('url'),
    ],
    ['url with user:pass@', article('cred', { url: 'https://user:secret@news.example.org/a' }), refused('url')],
    ['url javascript:', article('js', { url: 'javascript:alert(1)' }), refused('url')],
    ['url with a NUL', article('urlnul', { url: 'https://news.example.org/a\u0000b' }), refused('url')],
    ['title with a NUL', article('tnul', { title: 'Talks \u0000 held' }), refused('title')],
    ['title with an unpaired surrogate', article('tsur', { title: 'Talks \ud800 held' }), refused('title')],
    ['title with an escape character', article('tesc', { title: 'Talks \u001b[31m held' }), refused('title')],
    ['title of 1,001 characters', article('tlong', { title: 't'.repeat(1_001) }), refused('title')],
    ['outlet with a NUL', article('onul', { outlet: 'Ex\u0000ample' }), refused('outlet')],
    ['outlet with a lone low surrogate', article('osur', { outlet: 'Ex\udc00ample' }), refused('outlet')],
    ['sourceId with a NUL', article('snul', { sourceId: 'id\u0000' }), refused('sourceId')],
    ['sourceId with an unpaired surrogate', article('ssur', { sourceId: 'id\udbff' }), refused('sourceId')],
    ['sourceId with a bell', article('sbell', { sourceId: 'id\u0007' }), refused('sourceId')],
    ['HTML body with a NUL', article('bnul', { body: '<p>Iraq and Iran\u0000 held talks.</p>' }), refused('body')],
    [
      'plain body with an unpaired surrogate',
      article('bsur', { body: 'Iraq and Iran \ud83d held talks.' }),
      refused('body'),
    ],
    [
      'plain body with form feeds and escapes (stored cleaned)',
      article('bctl', { body: 'Iraq and Iran\f held talks\u001b in Baghdad on Monday.' }),
      { stored: true },
    ],
    [
      'script-only HTML',
      article('script', { body: '<div><script>var talks = "Iraq and Iran";</script><style>p{}</style></div>' }),
      refused('body'),
    ],
    ['markup with no letter in it', article('empty', { body: '<p> &nbsp; -- ... </p>' }), refused('body')],
    ['5.5 KB of nested elements', article('nest5', { body: NESTED_BODIES.small }), { stored: true }],
    ['11 KB of nested elements', article('nest11', { body: NESTED_BODIES.medium }), { stored: true }],
    [
      '1 MB of unclosed "<p "',
      article('unclosed', { body: `<p>Talks.</p>${'<p '.repeat(300_000)}` }),
      { stored: true },
    ],
    ['language that is no tag', article('lang', { language: 'English please' }), refused('language')],
    [
      'a JSON array instead of an object',
      () => deliver(baseUrl, { id: id('array'), body: '[1,2,3]' }),
      { refused: 400 },
    ],
    [
      'JSON nested 10,000 deep',
      () => deliver(baseUrl, { id: id('deep'), body: `${'['.repeat(10_000)}${']'.repeat(10_000)}` }),
      { refused: 400 },
    ],
    [
      'a __proto__ key',
      () =>
        deliver(baseUrl, {
          id: id('proto'),
          body: `{"__proto__":{"polluted":true},${JSON.stringify(normalArticle('proto')).slice(1)}`,
        }),
      { refused: 400 },
    ],
    [
      'invalid UTF-8 bytes',
      () =>
        deliverBytes(baseUrl, id('utf8'), Buffer.from([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])),
      { refused: 400, field: '(body)' },
    ],
    [
      'malformed JSON',
      () => deliver(baseUrl, { id: id('malformed'), body: '{"url": "https://x.org/a", "title": ' }),
      { refused: 400 },
    ],
    ['an empty body', () => deliver(baseUrl, { id: id('emptybody'), body: '' }), { refused: 400 }],
    [
      'malformed JSON with a bad signature (signature first: 401)',
      () =>
        deliver(baseUrl, {
          id: id('sigfirst'),
          body: '{"broken',
          secret: `whsec_${Buffer.from('another-secret-of-16+').toString('base64')}`,
        }),
      { refused: 401 },
    ],
    [
      'text/plain body',
      () => deliverBytes(baseUrl, id('plain'), Buffer.from(JSON.stringify(normalArticle('plain'))), 'text/plain'),
      { refused: 415 },
    ],
    [
      'webhook-id of 3,000 characters',
      () => deliver(baseUrl, { id: 'x'.repeat(3_000), body: JSON.stringify(normalArticle('longid')) }),
      refused('webhook-id'),
    ],
    [
      'webhook-id with spaces',
      () => deliver(baseUrl, { id: 'msg with spaces', body: JSON.stringify(normalArticle('spaceid')) }),
      refused('webhook-id'),
    ],
    ['body over MAX_BODY_BYTES', article('big', { body: 'x'.repeat(1_100_000) }), { refused: 413 }],
    [
      'stale signature',
      () =>
        deliver(baseUrl, {
          id: id('stale'),
          body: JSON.stringify(normalArticle('stale')),
          timestamp: new Date(Date.now() - 600_000),
        }),
      { refused: 401 },
    ],
    [
      'unsigned delivery',
      async () =>
        readAnswer(
          await fetch(`${baseUrl}/webhooks/articles`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{}',
          }),
        ),
      { refused: 401 },
    ],
  ];
  return cases.map(([name, send, expectation]) => ({ name, send, expect: expectation }));
}

/** The same webhook-id twice: the same body is a duplicate (200), another body a conflict (409). */
export function reusedIdCases(baseUrl: string): HostileCase[] {
  const first = JSON.stringify(normalArticle('reuse-a'));
  return [
    {
      name: 'a webhook-id first used',
      send: () => deliver(baseUrl, { id: 'msg_hostile_reuse', body: first }),
      expect: { stored: true },
    },
    {
      name: 'the same webhook-id and body again (200 duplicate)',
      send: () => deliver(baseUrl, { id: 'msg_hostile_reuse', body: first }),
      expect: { stored: true },
    },
    {
      name: 'the same webhook-id with another article (409)',
      send: () => deliver(baseUrl, { id: 'msg_hostile_reuse', body: JSON.stringify(normalArticle('reuse-b')) }),
      expect: { refused: 409 },
    },
  ];
}

export { signedHeaders };
