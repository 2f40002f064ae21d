// Jest setupFiles of the int and e2e projects: each worker uses its own cluster
// of NEWSLEDGER_TEST_DATABASE_URLS (see libs/db/src/testing/test-services.ts) as
// TEST_DATABASE_URL, so no test file ever shares a transaction horizon with a
// file running at the same time. Jest numbers its workers from 1.
const urls = process.env.NEWSLEDGER_TEST_DATABASE_URLS?.split(' ').filter(Boolean);
if (urls?.length) process.env.TEST_DATABASE_URL = urls[(Number(process.env.JEST_WORKER_ID ?? '1') - 1) % urls.length];
