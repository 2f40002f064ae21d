import { type ArticlePayload, articlePayloadSchema, parseArticlePayload } from './article-payload.js';
import {
  FIELD_LIMITS,
  httpUrlProblem,
  publishedAtProblem,
  stripControlCharacters,
  textFieldProblem,
  unstorableTextProblem,
  webhookIdProblem,
} from './field-bounds.js';

const NOW = new Date('2026-12-03T12:00:00Z');
const valid: ArticlePayload = {
  url: 'https://example.org/a',
  title: 'Talks',
  publishedAt: '2021-05-12',
  body: 'Iraq and Iran held talks.',
  outlet: 'Example',
};
const problemsOf = (overrides: Record<string, unknown>) => {
  try {
    parseArticlePayload({ ...valid, ...overrides }, { now: NOW });
    return [];
  } catch (error) {
    return (error as { problems: { field: string; message: string }[] }).problems;
  }
};

describe('publishedAt bounds', () => {
  it('accepts dates from 1900-01-01 to two days from now', () => {
    for (const value of [
      '1900-01-01',
      '2021-05-12',
      '2026-12-05',
      '2026-12-05T11:00:00Z',
      '2021-05-12T10:00:00+03:00',
    ]) {
      expect(publishedAtProblem(value, NOW)).toBeUndefined();
    }
  });

  it('refuses placeholder years and the far future, naming the range', () => {
    for (const value of [
      '0001-01-01',
      '0000-01-01',
      '1899-12-31',
      '2026-12-06',
      '9999-12-31',
      '2026-12-05T13:00:00Z',
    ]) {
      expect(publishedAtProblem(value, NOW)).toMatch(/must lie between 1900-01-01 and 2026-12-05/);
    }
    expect(problemsOf({ publishedAt: '0001-01-01' })).toEqual([
      { field: 'publishedAt', message: expect.stringContaining('1900-01-01') },
    ]);
  });
});

describe('URL bounds', () => {
  it('accepts http(s) URLs', () => {
    expect(httpUrlProblem('https://example.org/a?b=c#d')).toBeUndefined();
    expect(httpUrlProblem('http://example.org/a b')).toBeUndefined();
  });

  it('refuses other schemes, credentials, control characters and lengths past the limit (also once percent-encoded)', () => {
    expect(httpUrlProblem('ftp://example.org/a')).toMatch(/http\(s\)/);
    expect(httpUrlProblem('javascript:alert(1)')).toMatch(/http\(s\)/);
    expect(httpUrlProblem('not a url')).toMatch(/absolute/);
    expect(httpUrlProblem('https://user:pass@example.org/a')).toMatch(/credentials/);
    expect(httpUrlProblem('https://user@example.org/a')).toMatch(/credentials/);
    expect(httpUrlProblem('https://example.org/\u0000a')).toMatch(/control character U\+0000/);
    expect(httpUrlProblem(`https://example.org/${'a'.repeat(100_000)}`)).toMatch(
      /at most 2048 characters \(got 100020\)/,
    );
    expect(httpUrlProblem(`https://example.org/${'я'.repeat(1_000)}`)).toMatch(/once percent-encoded/);
    expect(problemsOf({ url: 'https://u:p@example.org/' }).map((p) => p.field)).toEqual(['url']);
  });
});

describe('text fields', () => {
  it('refuses NUL, unpaired surrogates and control characters in title, outlet and sourceId, naming the field', () => {
    expect(textFieldProblem('a\u0000b', 10)).toBe('contains a NUL character (U+0000) at position 1');
    expect(textFieldProblem('a\ud800b', 10)).toMatch(/unpaired surrogate \(U\+D800\)/);
    expect(textFieldProblem('a\udc00', 10)).toMatch(/unpaired surrogate \(U\+DC00\)/);
    expect(textFieldProblem('a\u001bb', 10)).toBe('contains the control character U+001B at position 1');
    expect(textFieldProblem('tab\tand\nnewline 😀', 100)).toBeUndefined();
    expect(textFieldProblem('x'.repeat(11), 10)).toMatch(/at most 10/);
    expect(
      problemsOf({ title: 'bad\u0000', outlet: 'o\ud83d', sourceId: 's\u0007' })
        .map((p) => p.field)
        .sort(),
    ).toEqual(['outlet', 'sourceId', 'title']);
  });

  it('refuses NUL and unpaired surrogates in the body; other controls are replaced when the text is cleaned', () => {
    expect(unstorableTextProblem('ok\u0000')).toMatch(/NUL/);
    expect(problemsOf({ body: '<p>x\u0000</p>' })).toEqual([
      { field: 'body', message: expect.stringContaining('NUL') },
    ]);
    expect(problemsOf({ body: 'a\u0001b' })).toEqual([]);
    expect(stripControlCharacters('a\u0001b\ud800c\td')).toBe('a b\ufffdc\td');
  });

  it('bounds webhook ids', () => {
    expect(webhookIdProblem('msg_2KWPBgLlAfxdpx2AI54pPJ85f4W')).toBeUndefined();
    expect(webhookIdProblem('x'.repeat(FIELD_LIMITS.webhookIdLength + 1))).toMatch(/at most 256/);
    expect(webhookIdProblem('a b')).toMatch(/visible ASCII/);
    expect(webhookIdProblem('')).toMatch(/empty/);
  });

  it('names every wrong field at once', () => {
    const fields = problemsOf({ url: 'mailto:x@y', title: 42, publishedAt: 'yesterday', body: '', outlet: '' }).map(
      (p) => p.field,
    );
    expect(fields.sort()).toEqual(['body', 'outlet', 'publishedAt', 'title', 'url']);
  });
});

describe('articlePayloadSchema built once', () => {
  it('reads the clock at each parse, so a schema kept for the process refuses and accepts dates as time passes', () => {
    let clock = new Date('2026-01-01T00:00:00Z');
    const schema = articlePayloadSchema(() => clock);
    const payload = {
      url: 'https://example.org/a',
      title: 'A',
      publishedAt: '2026-06-01',
      body: 'Talks were held.',
      outlet: 'Example',
    };
    expect(schema.safeParse(payload).success).toBe(false);
    clock = new Date('2026-06-01T00:00:00Z');
    expect(schema.safeParse(payload).success).toBe(true);
  });
});
