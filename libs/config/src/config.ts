import { z } from 'zod';

/**
 * Every environment variable newsledger reads, validated once at start.
 * The README's configuration table mirrors this schema; keep them together.
 */
const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const url = (protocols: string[]) =>
  z.string().refine((value) => {
    try {
      return protocols.includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, `must be a ${protocols.join(' or ')}// URL`);

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
  EMBEDDED_PG_DIR: z.string().min(1).default('./.newsledger/pg'),
  /** Events a log consumer hands to its handler in one transaction. */
  CONSUMER_BATCH_SIZE: positiveInt.default(500),
  /** Fallback poll when no NOTIFY arrives (ms). */
  CONSUMER_POLL_MS: positiveInt.default(1000),
});

export type AppConfig = z.infer<typeof configSchema>;

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
  return parsed.data;
}
