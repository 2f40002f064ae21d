// `npm run migrate`: applies pending migrations to DATABASE_URL (or the embedded
// database) and exits. The apps also migrate at start; this is for deploy pipelines.
import { loadConfigOrExit, openDatabase } from '#platform';

const config = loadConfigOrExit();
const database = await openDatabase(config, (message) => process.stdout.write(`${message}\n`));
await database.close();
process.stdout.write('database is at the latest migration\n');
