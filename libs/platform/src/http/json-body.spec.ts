import { BadRequestException } from '@nestjs/common';
import { MAX_JSON_DEPTH, parseJsonBody } from './json-body.js';

const refusal = (raw: string | Buffer) => {
  try {
    parseJsonBody(Buffer.isBuffer(raw) ? raw : Buffer.from(raw));
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return (error as BadRequestException).getResponse() as {
      message: string;
      fields: { field: string; message: string }[];
    };
  }
  throw new Error('not refused');
};

describe('parseJsonBody', () => {
  it('parses ordinary JSON, surrogate pairs included', () => {
    expect(parseJsonBody(Buffer.from('{"a":[1,{"b":"x 😀"}]}'))).toEqual({ a: [1, { b: 'x 😀' }] });
  });

  it('names the field holding a NUL or an unpaired surrogate, in values and in keys', () => {
    expect(refusal('{"rule":{"words":["ok","a\\u0000b"]}}').fields).toEqual([
      { field: 'rule.words[1]', message: 'contains a NUL character (U+0000) at position 1' },
    ]);
    expect(refusal('{"name":"\\ud800"}').message).toBe(
      'name: contains an unpaired surrogate (U+D800), which is not valid Unicode at position 0',
    );
    expect(refusal('{"a\\u0000":1}').fields[0]!.message).toMatch(/^its name contains a NUL/);
  });

  it('refuses invalid UTF-8, empty and malformed bodies, deep nesting and prototype keys', () => {
    expect(refusal(Buffer.from([0x7b, 0xff, 0x7d])).message).toBe('is not valid UTF-8');
    expect(refusal('  ').message).toMatch(/is empty/);
    expect(refusal('{"a":').message).toMatch(/is not valid JSON/);
    expect(refusal(`${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`).message).toMatch(
      /nested deeper than 32/,
    );
    expect(() =>
      parseJsonBody(Buffer.from(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`)),
    ).not.toThrow();
    expect(refusal('{"__proto__":{"x":1}}').message).toBe('__proto__: is a forbidden prototype property');
    expect(refusal('{"constructor":{"prototype":{}}}').fields[0]!.field).toBe('constructor');
  });

  it('walks a 100,000-deep document without recursion', () => {
    expect(refusal(`${'['.repeat(100_000)}${']'.repeat(100_000)}`).message).toMatch(/nested deeper/);
  });
});
