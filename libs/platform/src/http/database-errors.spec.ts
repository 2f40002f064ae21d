import { databaseErrorAnswer } from './database-errors.js';
import { errorAnswer } from './error.filter.js';

/** The shape pg gives a server error: SQLSTATE in `code`, and a `severity`. */
const pgError = (code: string, message = 'date/time field value out of range: "0000-01-01"') =>
  Object.assign(new Error(message), { code, severity: 'ERROR' });

describe('PostgreSQL data errors as answers', () => {
  it('answers 400 in our words for data errors, never PostgreSQL’s text', () => {
    for (const code of ['22P02', '22007', '22008', '22021', '22P05', '22003', '22001', '54000', '22012']) {
      const [status, body] = errorAnswer(pgError(code));
      expect(status).toBe(400);
      expect(JSON.stringify(body)).not.toContain('0000-01-01');
    }
    expect(databaseErrorAnswer(pgError('22008'))).toMatchObject({ error: 'invalid-date' });
    expect(databaseErrorAnswer(pgError('22P05'))).toMatchObject({ error: 'invalid-text' });
  });

  it('answers a unique violation 409 and a statement timeout 503', () => {
    expect(errorAnswer(pgError('23505'))[0]).toBe(409);
    expect(errorAnswer(pgError('57014'))).toEqual([503, expect.objectContaining({ error: 'statement-timeout' })]);
  });

  it('leaves other errors alone: bugs stay 500 without details, socket errors are no data errors', () => {
    expect(errorAnswer(pgError('42P01', 'relation "secret_table" does not exist'))).toEqual([
      500,
      { statusCode: 500, message: 'internal error' },
    ]);
    expect(databaseErrorAnswer(Object.assign(new Error('x'), { code: 'EPIPE' }))).toBeUndefined();
    expect(errorAnswer(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))[0]).toBe(503);
  });
});
