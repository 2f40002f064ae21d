/**
 * Short plain lines for the person who started the app (`npm start`, `npm run
 * demo`): what it is doing while it starts and stops. They go to stderr, so
 * stdout keeps only the JSON log (and the demo's own output).
 */
export function progress(message: string): void {
  process.stderr.write(`newsledger: ${message}\n`);
}
