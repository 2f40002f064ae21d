import { ApiTokens, bearerToken } from './api-tokens.js';
import { backoffAfter, FREE_FAILURES } from './login-backoff.js';

describe('ApiTokens', () => {
  const tokens = new ApiTokens(['reader-token-aaaaaaaaaaaaaaaa', 'reader-token-bbbbbbbbbbbbbbbb']);

  it('accepts any configured token as a bearer token, and nothing else', () => {
    expect(tokens.required).toBe(true);
    expect(tokens.accepts('Bearer reader-token-aaaaaaaaaaaaaaaa')).toBe(true);
    expect(tokens.accepts('bearer reader-token-bbbbbbbbbbbbbbbb')).toBe(true);
    expect(tokens.accepts('Bearer reader-token-aaaaaaaaaaaaaaab')).toBe(false);
    expect(tokens.accepts('Basic cmVhZGVyOnRva2Vu')).toBe(false);
    expect(tokens.accepts('reader-token-aaaaaaaaaaaaaaaa')).toBe(false);
    expect(tokens.accepts(['Bearer reader-token-aaaaaaaaaaaaaaaa', 'Bearer x'])).toBe(false);
    expect(tokens.accepts(undefined)).toBe(false);
  });

  it('requires nothing when no token is configured', () => {
    expect(new ApiTokens([]).required).toBe(false);
  });

  it('reads one printable token after the scheme', () => {
    expect(bearerToken('Bearer  abc ')).toBe('abc');
    expect(bearerToken('Bearer a b')).toBeUndefined();
    expect(bearerToken('Bearer ')).toBeUndefined();
  });
});

describe('login backoff schedule', () => {
  it('lets the first failures through, then waits 30 s, doubling, at most 15 minutes', () => {
    expect(Array.from({ length: FREE_FAILURES - 1 }, (_, i) => backoffAfter(i + 1))).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 20].map(backoffAfter)).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000, 900_000, 900_000,
    ]);
  });
});
