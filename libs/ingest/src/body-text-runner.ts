import { Piscina } from 'piscina';
import { bodyToText } from './html-to-text.js';

export type BodyText = ReturnType<typeof bodyToText>;

/** Bodies below this many characters convert inline: under ~5 ms, less than a thread round trip is worth. */
export const INLINE_BODY_CHARACTERS = 32_768;
/** A conversion still running after this long fails (the parse is linear: only an overloaded host gets here). */
export const BODY_TEXT_TIMEOUT_MS = 10_000;

export class BodyTextTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`turning the body into text took longer than ${timeoutMs} ms; retry later`);
    this.name = 'BodyTextTimeoutError';
  }
}

/**
 * HTML → text off the api's event loop: large bodies go to a worker thread,
 * so /health and every other request keep answering while a 1 MB body is
 * parsed (BENCHMARKS.md, "HTML → text"). Under Jest (TypeScript sources,
 * where a thread cannot load .ts) everything runs inline.
 */
export interface BodyTextRunner {
  bodyToText(body: string): Promise<BodyText>;
  close(): Promise<void>;
}

export function createBodyTextRunner(options: { threads?: number; timeoutMs?: number } = {}): BodyTextRunner {
  const timeoutMs = options.timeoutMs ?? BODY_TEXT_TIMEOUT_MS;
  if (!import.meta.url.endsWith('.js'))
    return { bodyToText: async (body) => bodyToText(body), close: async () => undefined };
  const pool = new Piscina({
    filename: new URL('./body-text.thread.js', import.meta.url).href,
    maxThreads: options.threads ?? 1,
    idleTimeout: 60_000,
  });
  return {
    async bodyToText(body) {
      if (body.length < INLINE_BODY_CHARACTERS) return bodyToText(body);
      try {
        return (await pool.run(body, { signal: AbortSignal.timeout(timeoutMs) })) as BodyText;
      } catch (error) {
        if ((error as Error)?.name === 'AbortError' || (error as Error)?.name === 'TimeoutError')
          throw new BodyTextTimeoutError(timeoutMs);
        throw error;
      }
    },
    close: () => pool.destroy(),
  };
}
