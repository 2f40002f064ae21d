import { burnPasswordCheck, hashPassword, normalizeEmail, verifyPassword } from './passwords.js';

describe('passwords', () => {
  it('hashes with argon2id, salted: the same password twice gives two hashes that both verify', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^\$argon2id\$v=19\$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('correct horse');
    await expect(verifyPassword(a, 'correct horse battery')).resolves.toBe(true);
    await expect(verifyPassword(b, 'correct horse battery')).resolves.toBe(true);
  });

  it('refuses a wrong password and answers false (not a throw) for a malformed hash', async () => {
    const hash = await hashPassword('correct horse battery');
    await expect(verifyPassword(hash, 'Correct horse battery')).resolves.toBe(false);
    await expect(verifyPassword('not-a-hash', 'anything')).resolves.toBe(false);
  });

  it('burns one verification for an unknown user, taking about as long as a real one', async () => {
    const hash = await hashPassword('correct horse battery');
    await burnPasswordCheck('warm-up'); // the dummy hash is made once, lazily
    const time = async (run: () => Promise<unknown>) => {
      const start = performance.now();
      await run();
      return performance.now() - start;
    };
    const real = await time(() => verifyPassword(hash, 'wrong password!'));
    const dummy = await time(() => burnPasswordCheck('wrong password!'));
    await expect(burnPasswordCheck('anything')).resolves.toBe(false);
    expect(dummy).toBeGreaterThan(real * 0.25);
    expect(dummy).toBeLessThan(real * 4);
  });

  it('normalises emails to trimmed lower case', () => {
    expect(normalizeEmail('  Ana@Desk.Example ')).toBe('ana@desk.example');
  });
});
