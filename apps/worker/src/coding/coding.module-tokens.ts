export const CODER_RUNNER = Symbol('CODER_RUNNER');
