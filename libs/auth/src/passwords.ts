import argon2 from 'argon2';

/**
 * argon2id with the library's defaults (64 MiB, t=3, p=4): OWASP's floor is
 * lower, and an admin login is rare enough to afford it. The parameters travel
 * in the PHC string, so raising them later still verifies old hashes.
 */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

/** False (never a throw) for a wrong password or a malformed hash. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies against a hash of nothing anyone knows, so a login for an unknown
 * email costs the same time as one with a wrong password and the answer's
 * timing does not tell which emails are admins.
 */
export async function burnPasswordCheck(password: string): Promise<false> {
  dummyHash ??= hashPassword('newsledger: no such admin');
  await verifyPassword(await dummyHash, password);
  return false;
}

/** Emails compare case-insensitively; the table stores them lower-case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
