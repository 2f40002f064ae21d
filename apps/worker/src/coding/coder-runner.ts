import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { CodedEvent } from '#domain';
import { CODER_VERSION, type CoderInput, createCoder } from '#extraction';

/**
 * Runs the coder off the event loop: a pool of worker threads (one per core),
 * each loading the model and gazetteer once. Under Jest (TypeScript sources,
 * where a thread cannot load .ts) it runs inline.
 */
export interface CoderRunner {
  readonly version: string;
  extract(input: CoderInput): Promise<CodedEvent[]>;
  close(): Promise<void>;
}

export function createCoderRunner(): CoderRunner {
  const compiled = import.meta.url.endsWith('.js');
  if (!compiled) {
    const coder = createCoder();
    return { version: coder.version, extract: async (input) => coder.extract(input), close: async () => undefined };
  }
  const pool = new Piscina({ filename: new URL('./coder.thread.js', import.meta.url).href, maxThreads: availableParallelism(), idleTimeout: 60_000 });
  return {
    // A constant of the coder module: reading it loads no model in this thread.
    version: CODER_VERSION,
    extract: (input) => pool.run(input) as Promise<CodedEvent[]>,
    close: () => pool.destroy(),
  };
}

