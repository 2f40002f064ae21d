// `npm run seed:events -- [--events 100000] [--seed N] [--prefix seed]`: appends
// that many coded events (4 per article, 15% of them future, hypothetical or
// negated, 70% with a place) to DATABASE_URL (or the embedded database), then
// brings the read models up to date, so the dashboard can be tried and measured
// at scale. Seed a fresh database: article ids repeat for the same prefix, and the
// seeded articles arrive coded, so the coding dispatcher is moved past them.
import { LogConsumer, consumerStatuses } from '#event-store';
import { loadConfigOrExit, openDatabase } from '#platform';
import { READ_MODEL_PROJECTIONS } from '#read-models';
import { markSeedCoded, seedEvents } from './seed-store.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? args[at + 1]! : fallback;
};
const events = Number(option('events', '100000'));
if (!Number.isInteger(events) || events < 1 || events > 10_000_000) {
  process.stderr.write('seed: --events must be a whole number from 1 to 10,000,000\n');
  process.exit(1);
}
const say = (line: string) => process.stdout.write(`${line}\n`);
const config = loadConfigOrExit();
const database = await openDatabase(config, say);
try {
  const started = Date.now();
  let shown = 0;
  const result = await seedEvents(database.db, {
    events,
    seed: Number(option('seed', '20211')),
    prefix: option('prefix', 'seed'),
    onProgress: (articles, written) => {
      if (written - shown >= 10_000 || written === events) {
        shown = written;
        say(`  appended ${written.toLocaleString()} events in ${articles.toLocaleString()} articles`);
      }
    },
  });
  await markSeedCoded(database.db);
  say(
    `log: ${result.events.toLocaleString()} events (${JSON.stringify(result.byModality)}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  for (const projection of READ_MODEL_PROJECTIONS) {
    const t = Date.now();
    const consumer = new LogConsumer(database.db, { ...projection, batchSize: 1000 });
    while ((await consumer.processBatch()) > 0) {
      /* until caught up */
    }
    const [status] = await consumerStatuses(database.db, [projection.name]);
    say(
      `${projection.name}: caught up in ${((Date.now() - t) / 1000).toFixed(1)} s (${status?.lagEvents ?? '?'} behind)`,
    );
  }
  say('done: start newsledger (npm start) and open /admin');
} finally {
  await database.close();
}
