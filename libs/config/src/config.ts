import { z } from 'zod';
import { InvalidAllowlistError, parseAllowlist } from '#outbound/address-policy';

/**
 * Every environment variable newsledger reads, validated once at start.
 * The README's configuration table mirrors this schema; keep them together.
 */
const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    `must be a ${protocols.join(' or ')}// URL`,
  );

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** HTTP port of the api (and of `npm start`, which runs api and worker in one process). */
  PORT: port.default(3000),
  /** HTTP port of a worker started apart (`npm run start:worker`): /health and /metrics only. */
  WORKER_PORT: port.default(3001),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Unset: an embedded PostgreSQL is started (see EMBEDDED_PG_DIR). */
  DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  /** Unset: BullMQ runs on its PostgreSQL backend in the same database. */
  REDIS_URL: url(['redis:', 'rediss:']).optional(),
  /** Standard Webhooks secret (whsec_<base64>) that senders sign article deliveries with. Required in production. */
  WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/=]{16,}$/, 'must be a Standard Webhooks secret: whsec_ followed by base64')
    .optional(),
  /** Largest request body accepted (bytes); larger answers 413. */
  MAX_BODY_BYTES: positiveInt.default(1_048_576),
  /**
   * Whose X-Forwarded-For to believe for the client address (rate limits key on it):
   * "false" (default: the socket's address), "true" (any: only behind a proxy that overwrites it),
   * a number of proxy hops, or a comma-separated list of proxy addresses/CIDRs.
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((value): boolean | number | string[] =>
      value === 'true'
        ? true
        : value === 'false'
          ? false
          : /^\d+$/.test(value)
            ? Number(value)
            : value.split(',').map((v) => v.trim()),
    ),
  /**
   * A request whose answer has not begun within this many ms answers 503 (streams that have begun run on);
   * also the time allowed to receive a whole request (slow senders get 408). 0 turns both off.
   */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  /** PostgreSQL statement_timeout of the app's pool (ms): no query runs longer. 0 turns it off. Migrations are exempt. */
  STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  /** Webhook deliveries accepted per sender (IP) per minute; more answers 429. */
  WEBHOOK_RATE_LIMIT_PER_MINUTE: positiveInt.default(600),
  EMBEDDED_PG_DIR: z.string().min(1).default('./.newsledger/pg'),
  /** Events a log consumer hands to its handler in one transaction. */
  CONSUMER_BATCH_SIZE: positiveInt.default(500),
  /**
   * Coding jobs a worker holds at once (default 2 × CODING_BATCH_SIZE): one batch
   * being coded and stored while the next one gathers, so the coder threads never wait on I/O.
   */
  CODING_CONCURRENCY: positiveInt.optional(),
  /**
   * Articles whose jobs a worker codes together: their streams read in one query and
   * their decisions appended in one statement (each article at its own expected version).
   */
  CODING_BATCH_SIZE: positiveInt.default(20),
  /** Coder worker threads per worker process (default: one per CPU the process may use). */
  CODER_THREADS: positiveInt.optional(),
  /**
   * Longest a coding thread may work on one article (ms, from when it starts coding it); past it the
   * thread is stopped and the article marked failed with "coding took longer than N ms".
   */
  CODING_TIMEOUT_MS: positiveInt.default(30_000),
  /** Fallback poll when no NOTIFY arrives (ms). */
  CONSUMER_POLL_MS: positiveInt.default(1000),
  /**
   * `true` switches on POST /bench/ingest-baseline, the minimal durable endpoint that
   * bench:ingest compares the webhook with (refused in production).
   */
  INGEST_BASELINE_ENDPOINT: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  /** The first admin, created at start when no admin has this email (an existing one's password is never overwritten). */
  ADMIN_EMAIL: z
    .email('must be an email address')
    .transform((email) => email.toLowerCase())
    .optional(),
  ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  /** Lifetime of an admin session from login (hours). */
  SESSION_TTL_HOURS: positiveInt.default(12),
  /**
   * Hosts, addresses and CIDR ranges that feed URLs and alert webhooks may reach although
   * they are internal (loopback, private, link-local, …): comma-separated. Unset: none.
   */
  ALLOWED_INTERNAL_HOSTS: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      try {
        parseAllowlist(value);
      } catch (error) {
        if (!(error instanceof InvalidAllowlistError)) throw error;
        ctx.addIssue({ code: 'custom', message: error.message });
      }
    }),
  /**
   * Bearer tokens (comma-separated, 24 characters at least each) that the read API and exports
   * then require (`Authorization: Bearer …`; an admin session works too). Unset: they are public.
   */
  API_TOKENS: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    )
    .refine(
      (tokens) => tokens.every((t) => t.length >= 24 && /^[\x21-\x7e]+$/.test(t)),
      'each token must be at least 24 printable characters, no spaces',
    ),
  /** When set, GET /metrics needs `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z
    .string()
    .min(24, 'must be at least 24 characters')
    .regex(/^[\x21-\x7e]+$/, 'must be printable characters, no spaces')
    .optional(),
  /** false: the OpenAPI document (/docs, /docs/openapi.json) is not published. */
  DOCS_PUBLIC: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('true')
    .transform((v) => v === 'true'),
  /** How often the coding dispatcher looks for received articles whose job the queue lost (seconds). */
  CODING_SWEEP_INTERVAL_SECONDS: positiveInt.default(60),
});

export type AppConfig = z.infer<typeof configSchema>;

/**
 * Used only outside production when WEBHOOK_SECRET is unset, so a newcomer can
 * sign the example article; production refuses to start without a real one.
 */
export const DEVELOPMENT_WEBHOOK_SECRET = 'whsec_bmV3c2xlZGdlci1kZXZlbG9wbWVudC1vbmx5';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  // An empty variable means "not set" (docker-compose passes `FOO=` through).
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  if (parsed.data.NODE_ENV === 'production' && !parsed.data.WEBHOOK_SECRET) {
    throw new ConfigError(['WEBHOOK_SECRET: is required when NODE_ENV=production']);
  }
  if (parsed.data.NODE_ENV === 'production' && parsed.data.INGEST_BASELINE_ENDPOINT) {
    throw new ConfigError(['INGEST_BASELINE_ENDPOINT: is a benchmark switch, refused when NODE_ENV=production']);
  }
  // Half an admin account is a typo, not a choice: say so instead of starting without one.
  if (Boolean(parsed.data.ADMIN_EMAIL) !== Boolean(parsed.data.ADMIN_PASSWORD)) {
    throw new ConfigError([
      parsed.data.ADMIN_EMAIL
        ? 'ADMIN_PASSWORD: is required when ADMIN_EMAIL is set'
        : 'ADMIN_EMAIL: is required when ADMIN_PASSWORD is set',
    ]);
  }
  return parsed.data;
}

export function webhookSecret(config: AppConfig): string {
  return config.WEBHOOK_SECRET ?? DEVELOPMENT_WEBHOOK_SECRET;
}
