// `npm start`: api + worker in one process. The first line goes out before the
// framework loads, which takes a few seconds on a busy machine.
process.stderr.write('newsledger: starting api + worker in one process\n');
const { loadConfigOrExit } = await import('#platform');
const { startStandalone } = await import('./start.js');

await startStandalone(loadConfigOrExit());
