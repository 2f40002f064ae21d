import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { CODER_VERSION, type CoderInput, type CodingResult, createCoder } from '#extraction';
import type { CodingTask } from './coder.thread.js';

/**
 * Runs the coder off the event loop: a pool of worker threads (one per core),
 * each loading the model and gazetteer once. A task that codes for longer than
 * `timeoutMs` is abandoned: its thread is stopped (piscina terminates a thread
 * whose task is aborted) and a new one takes its place. The clock starts when
 * the thread starts coding, not when the task is queued, so an article waiting
 * behind a slow one is not failed for it. Under Jest (TypeScript sources, where
 * a thread cannot load .ts) it runs inline, without a time limit, unless
 * `threadUrl` names a compiled thread entry.
 */
export interface CoderRunner {
  readonly version: string;
  code(input: CoderInput): Promise<CodingResult>;
  close(): Promise<void>;
}

export interface CoderRunnerOptions {
  timeoutMs: number;
  /** The compiled thread entry (coder.thread.js); by default the one beside this file, when compiled. */
  threadUrl?: URL;
  maxThreads?: number;
}

export class CodingTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`coding took longer than ${timeoutMs} ms`);
    this.name = 'CodingTimeoutError';
  }
}

export function createCoderRunner(options: CoderRunnerOptions): CoderRunner {
  const compiled = import.meta.url.endsWith('.js');
  const threadUrl = options.threadUrl ?? (compiled ? new URL('./coder.thread.js', import.meta.url) : undefined);
  if (!threadUrl) {
    const coder = createCoder();
    return { version: coder.version, code: async (input) => coder.code(input), close: async () => undefined };
  }
  const maxThreads = options.maxThreads ?? availableParallelism();
  const pool = new Piscina({
    filename: threadUrl.href,
    maxThreads,
    // Piscina's own default (half the cores) would exceed a smaller maximum and refuse to start.
    minThreads: Math.min(maxThreads, Math.max(1, Math.floor(availableParallelism() / 2))),
    idleTimeout: 60_000,
  });
  return {
    // A constant of the coder module: reading it loads no model in this thread.
    version: CODER_VERSION,
    code: (input) => runWithTimeout(pool, input, options.timeoutMs),
    close: () => pool.destroy(),
  };
}

async function runWithTimeout(pool: Piscina, input: CoderInput, timeoutMs: number): Promise<CodingResult> {
  const abort = new AbortController();
  const { port1: started, port2 } = new MessageChannel();
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  let settled = false;
  started.once('message', () => {
    // the two ports do not order their messages: "started" may come after the result
    if (settled) return;
    timer = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, timeoutMs);
  });
  try {
    const task: CodingTask = { input, started: port2 };
    return (await pool.run(task, { transferList: [port2], signal: abort.signal })) as CodingResult;
  } catch (error) {
    throw timedOut ? new CodingTimeoutError(timeoutMs) : error;
  } finally {
    settled = true;
    clearTimeout(timer);
    started.close();
  }
}
