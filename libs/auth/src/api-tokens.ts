import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The bearer tokens of API_TOKENS. Only their sha256 is kept in memory, and a
 * presented token is hashed and compared with every one in constant time, so
 * neither a memory dump nor the answer's timing gives a token away.
 */
export class ApiTokens {
  private readonly hashes: Buffer[];

  constructor(tokens: readonly string[]) {
    this.hashes = tokens.map(sha256);
  }

  /** No tokens configured: the read API is public. */
  get required(): boolean {
    return this.hashes.length > 0;
  }

  /** True for `Authorization: Bearer <one of the tokens>` (scheme case-insensitive). */
  accepts(authorization: string | string[] | undefined): boolean {
    const token = bearerToken(authorization);
    if (token === undefined) return false;
    const given = sha256(token);
    // Every hash compared, whatever matches first.
    return this.hashes.reduce((found, hash) => timingSafeEqual(hash, given) || found, false);
  }
}

/** The token of a single `Authorization: Bearer …` header; undefined for anything else. */
export function bearerToken(authorization: string | string[] | undefined): string | undefined {
  if (typeof authorization !== 'string') return undefined;
  const match = /^Bearer[ ]+([\x21-\x7e]{1,1024})[ ]*$/i.exec(authorization);
  return match?.[1];
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
