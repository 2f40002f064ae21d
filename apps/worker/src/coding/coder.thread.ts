// Entry of a coding worker thread (see coder-runner.ts): loads the coder once per thread.
import { type CoderInput, createCoder } from '#extraction';

const coder = createCoder();

export default function extract(input: CoderInput) {
  return coder.extract(input);
}
