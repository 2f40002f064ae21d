import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('applies defaults when nothing is set (the embedded default)', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.EMBEDDED_PG_DIR).toBe('./.newsledger/pg');
  });

  it('limits a coding job to 30 s unless CODING_TIMEOUT_MS says otherwise, and refuses a limit that is not positive', () => {
    expect(loadConfig({}).CODING_TIMEOUT_MS).toBe(30_000);
    expect(loadConfig({ CODING_TIMEOUT_MS: '5000' }).CODING_TIMEOUT_MS).toBe(5_000);
    expect(() => loadConfig({ CODING_TIMEOUT_MS: '0' })).toThrow(/CODING_TIMEOUT_MS/);
  });

  it('codes articles 20 to a batch unless CODING_BATCH_SIZE says otherwise; CODER_THREADS unset means one per CPU', () => {
    expect(loadConfig({}).CODING_BATCH_SIZE).toBe(20);
    expect(loadConfig({ CODING_BATCH_SIZE: '50', CODER_THREADS: '1' })).toMatchObject({
      CODING_BATCH_SIZE: 50,
      CODER_THREADS: 1,
    });
    expect(loadConfig({}).CODER_THREADS).toBeUndefined();
    expect(() => loadConfig({ CODING_BATCH_SIZE: '0' })).toThrow(/CODING_BATCH_SIZE/);
    expect(() => loadConfig({ CODER_THREADS: 'two' })).toThrow(/CODER_THREADS/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', REDIS_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('names every malformed variable', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', REDIS_URL: 'localhost:6379' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('PORT');
    expect(message).toContain('DATABASE_URL: must be a postgres: or postgresql:// URL');
    expect(message).toContain('REDIS_URL');
  });
});

describe('loadConfig: admin authentication', () => {
  it('leaves the first admin unset by default and keeps sessions 12 hours', () => {
    const config = loadConfig({});
    expect(config.ADMIN_EMAIL).toBeUndefined();
    expect(config.ADMIN_PASSWORD).toBeUndefined();
    expect(config.SESSION_TTL_HOURS).toBe(12);
  });

  it('lower-cases ADMIN_EMAIL and accepts a password of 12 characters or more', () => {
    const config = loadConfig({
      ADMIN_EMAIL: 'Ana@Desk.Example',
      ADMIN_PASSWORD: 'twelve chars',
      SESSION_TTL_HOURS: '8',
    });
    expect(config.ADMIN_EMAIL).toBe('ana@desk.example');
    expect(config.SESSION_TTL_HOURS).toBe(8);
  });

  it('refuses a short password, a malformed email, and one of the pair without the other', () => {
    expect(() => loadConfig({ ADMIN_EMAIL: 'ana@desk.example', ADMIN_PASSWORD: 'short' })).toThrow(
      /ADMIN_PASSWORD: must be at least 12 characters/,
    );
    expect(() => loadConfig({ ADMIN_EMAIL: 'ana', ADMIN_PASSWORD: 'long enough password' })).toThrow(/ADMIN_EMAIL/);
    expect(() => loadConfig({ ADMIN_EMAIL: 'ana@desk.example' })).toThrow(
      /ADMIN_PASSWORD: is required when ADMIN_EMAIL is set/,
    );
    expect(() => loadConfig({ ADMIN_PASSWORD: 'long enough password' })).toThrow(
      /ADMIN_EMAIL: is required when ADMIN_PASSWORD is set/,
    );
    expect(() => loadConfig({ SESSION_TTL_HOURS: '0' })).toThrow(/SESSION_TTL_HOURS/);
  });
});

describe('TRUST_PROXY', () => {
  it('trusts no proxy by default and reads true, hop counts and address lists', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).TRUST_PROXY).toEqual(['10.0.0.0/8', '127.0.0.1']);
  });
});

describe('loadConfig: outbound allowlist, tokens, docs', () => {
  it('checks ALLOWED_INTERNAL_HOSTS entry by entry', () => {
    expect(
      loadConfig({ ALLOWED_INTERNAL_HOSTS: '127.0.0.1, ::1, 10.0.0.0/8, receiver.internal' }).ALLOWED_INTERNAL_HOSTS,
    ).toContain('receiver.internal');
    expect(() => loadConfig({ ALLOWED_INTERNAL_HOSTS: '127.0.0.1, 10.0.0.0/40' })).toThrow(
      /ALLOWED_INTERNAL_HOSTS: "10\.0\.0\.0\/40" is not a host name/,
    );
  });

  it('reads API_TOKENS as a list, refusing short ones, and METRICS_TOKEN and DOCS_PUBLIC', () => {
    const config = loadConfig({
      API_TOKENS: ' reader-token-aaaaaaaaaaaaaaaa , reader-token-bbbbbbbbbbbbbbbb ',
      METRICS_TOKEN: 'scrape-token-cccccccccccccccc',
      DOCS_PUBLIC: 'false',
    });
    expect(config.API_TOKENS).toEqual(['reader-token-aaaaaaaaaaaaaaaa', 'reader-token-bbbbbbbbbbbbbbbb']);
    expect(config.METRICS_TOKEN).toBe('scrape-token-cccccccccccccccc');
    expect(config.DOCS_PUBLIC).toBe(false);
    expect(loadConfig({}).API_TOKENS).toEqual([]);
    expect(loadConfig({}).DOCS_PUBLIC).toBe(true);
    expect(() => loadConfig({ API_TOKENS: 'short' })).toThrow(/API_TOKENS: each token must be at least 24/);
    expect(() => loadConfig({ DOCS_PUBLIC: 'no' })).toThrow(/DOCS_PUBLIC: must be true or false/);
  });
});
