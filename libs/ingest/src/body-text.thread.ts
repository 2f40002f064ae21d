// Entry of an HTML → text worker thread (see body-text-runner.ts).
import { bodyToText } from './html-to-text.js';

export default function convert(body: string): { text: string; format: 'html' | 'text' } {
  return bodyToText(body);
}
