/**
 * PostgreSQL errors that bad input causes, as answers that name the problem
 * in our words. The raw PostgreSQL message (table names, values, SQL) is never
 * sent: it is logged. Validation at each edge should refuse such input first;
 * this is the defence beneath it, so that a missed case is a 400, not a 500
 * that senders would retry forever.
 */
export interface DatabaseAnswer {
  status: number;
  error: string;
  message: string;
}

const BY_CODE: Record<string, DatabaseAnswer> = {
  '22P02': {
    status: 400,
    error: 'invalid-value',
    message: 'a value is not in the form its field needs (e.g. not a number, UUID or valid JSON)',
  },
  '22007': { status: 400, error: 'invalid-date', message: 'a date or time is malformed' },
  '22008': { status: 400, error: 'invalid-date', message: 'a date or time is out of the range that can be stored' },
  '22009': { status: 400, error: 'invalid-date', message: 'a time zone is out of range' },
  '22021': {
    status: 400,
    error: 'invalid-text',
    message: 'text contains a character that cannot be stored (a NUL or invalid UTF-8)',
  },
  '22P05': {
    status: 400,
    error: 'invalid-text',
    message: 'text contains a character that cannot be stored (a NUL or an unpaired surrogate)',
  },
  '22003': { status: 400, error: 'out-of-range', message: 'a number is out of the range that can be stored' },
  '22001': { status: 400, error: 'too-long', message: 'a value is longer than its field allows' },
  '2201W': { status: 400, error: 'invalid-limit', message: 'a limit is out of range' },
  '2201X': { status: 400, error: 'invalid-offset', message: 'an offset is out of range' },
  '22023': { status: 400, error: 'invalid-value', message: 'a value is out of range' },
  '22025': { status: 400, error: 'invalid-value', message: 'a value contains an invalid escape' },
  '22030': { status: 400, error: 'invalid-value', message: 'a JSON value is invalid' },
  '2203A': { status: 400, error: 'invalid-value', message: 'a JSON member is missing' },
  '23502': { status: 400, error: 'missing-value', message: 'a required value is missing' },
  '23514': { status: 400, error: 'invalid-value', message: 'a value breaks a rule of its field' },
  '23505': { status: 409, error: 'conflict', message: 'this already exists' },
  // An index entry too large (e.g. a multi-kilobyte key): the value is too long, whatever the field.
  '54000': { status: 400, error: 'too-long', message: 'a value is too long to be stored or indexed' },
  '57014': {
    status: 503,
    error: 'statement-timeout',
    message: 'the database took longer than STATEMENT_TIMEOUT_MS; narrow the request or retry later',
  },
};

/** The answer for a PostgreSQL error caused by its input, or undefined (not a data error: a bug or an outage). */
export function databaseErrorAnswer(error: unknown): DatabaseAnswer | undefined {
  // pg's DatabaseError carries the SQLSTATE in `code` and a `severity`; socket errors have neither both.
  const { code, severity } = (error ?? {}) as { code?: unknown; severity?: unknown };
  if (typeof code !== 'string' || typeof severity !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return undefined;
  const known = BY_CODE[code];
  if (known) return known;
  // Class 22 is "data exception": always about a value that was given.
  if (code.startsWith('22'))
    return { status: 400, error: 'invalid-value', message: 'a value cannot be stored or compared as given' };
  return undefined;
}
