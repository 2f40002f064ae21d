export { createCoder, CODER_VERSION, type Coder, type CoderInput, type CodingResult } from './coder.js';
export type { CodingProblem } from './bounded-coding.js';
export { CODED_LANGUAGES, detectLanguage, primaryLanguage } from './language/detect.js';
export { LIMITS as CODER_LIMITS } from './sentences/limits.js';
