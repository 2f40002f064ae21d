import { sql } from 'kysely';
import { loadConfig } from '#config';
import { type TestDatabase, createTestDatabase } from '#db/testing/test-database';
import { errorAnswer } from '../http/error.filter.js';
import { type DatabaseHandle, openDatabase } from './database.provider.js';

describe('STATEMENT_TIMEOUT_MS (PostgreSQL)', () => {
  let testDb: TestDatabase;
  let database: DatabaseHandle;
  beforeAll(async () => {
    testDb = await createTestDatabase({ migrate: false });
    // openDatabase migrates on its own connection, without the timeout, then serves with it.
    database = await openDatabase(
      loadConfig({ DATABASE_URL: testDb.url, STATEMENT_TIMEOUT_MS: '300' }),
      () => undefined,
    );
  });
  afterAll(async () => {
    await database.close();
    await testDb.drop();
  });

  it('stops a query past the limit, and the request hears 503 statement-timeout', async () => {
    const error = await sql`select pg_sleep(2)`.execute(database.db).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: '57014' });
    expect(errorAnswer(error)).toEqual([503, expect.objectContaining({ error: 'statement-timeout' })]);
    await expect(sql`select 1 as one`.execute(database.db)).resolves.toMatchObject({ rows: [{ one: 1 }] });
  });
});
