import { hashSessionToken, newCsrfToken, newSessionToken, tokensEqual } from './tokens.js';

describe('session and CSRF tokens', () => {
  it('makes 32-byte random tokens, base64url (cookie- and header-safe)', () => {
    const tokens = new Set(Array.from({ length: 100 }, () => newSessionToken()));
    expect(tokens.size).toBe(100);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    }
    expect(newCsrfToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('stores a session under the sha256 of its token: stable, hex, and not the token', () => {
    const token = newSessionToken();
    expect(hashSessionToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSessionToken(token)).toBe(hashSessionToken(token));
    expect(hashSessionToken(token)).not.toBe(hashSessionToken(newSessionToken()));
    // A known vector, so the stored form cannot drift silently.
    expect(hashSessionToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('compares tokens exactly, refusing missing, shorter and different ones', () => {
    const csrf = newCsrfToken();
    expect(tokensEqual(csrf, csrf)).toBe(true);
    expect(tokensEqual(csrf, undefined)).toBe(false);
    expect(tokensEqual(csrf, '')).toBe(false);
    expect(tokensEqual(csrf, csrf.slice(1))).toBe(false);
    expect(tokensEqual(csrf, newCsrfToken())).toBe(false);
  });
});
