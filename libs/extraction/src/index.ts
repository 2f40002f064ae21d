export { createCoder, CODER_VERSION, type Coder, type CoderInput } from './coder.js';
