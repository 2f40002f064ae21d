// Entry of a coding worker thread (see coder-runner.ts): loads the coder once per thread.
import type { MessagePort } from 'node:worker_threads';
import { type CoderInput, type CodingResult, createCoder } from '#extraction';

export interface CodingTask {
  input: CoderInput;
  /** Told when coding starts, so that the time limit counts coding, not waiting for a thread. */
  started: MessagePort;
}

const coder = createCoder();

export default function code(task: CodingTask): CodingResult {
  task.started.postMessage('started');
  task.started.close();
  return coder.code(task.input);
}
