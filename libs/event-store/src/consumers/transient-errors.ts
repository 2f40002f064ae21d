import { CheckpointMovedError } from './checkpoints.js';

/**
 * Errors that say nothing about the event being handled: the database or the
 * queue's backend went away, a deadlock or serialization failure, a lock or a
 * statement that waited too long (a blue/green swap holds its tables' locks).
 * A consumer retries these from its checkpoint for as long as they last and
 * never parks an event because of one; everything else is the event's (or the
 * handler's) fault and counts towards parking.
 */
const TRANSIENT_SQLSTATES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available
  '55006', // object_in_use
  '57014', // query_canceled (statement_timeout, pg_cancel_backend)
]);
/** SQLSTATE classes: connection exception, insufficient resources, operator intervention, system error. */
const TRANSIENT_SQLSTATE_CLASSES = ['08', '53', '57P', '58'];

const TRANSIENT_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTCONN',
  'ECONNABORTED',
]);

/** pg's and ioredis's words for a connection that is gone or never came. */
const TRANSIENT_MESSAGES =
  /connection terminated|connection (is )?closed|client has encountered a connection error|timeout exceeded when trying to connect|cannot use a pool after calling end|stream isn't writeable|maxretriesperrequest|reached the max retries per request|connect econnrefused|socket hang up/i;

export function isTransientError(error: unknown, depth = 0): boolean {
  if (depth > 5 || error === null || error === undefined) return false;
  if (error instanceof CheckpointMovedError) return true;
  if (error instanceof AggregateError && error.errors.some((e) => isTransientError(e, depth + 1))) return true;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown };
  if (typeof e.code === 'string') {
    if (TRANSIENT_SQLSTATES.has(e.code) || TRANSIENT_NODE_CODES.has(e.code)) return true;
    if (/^[0-9A-Z]{5}$/.test(e.code) && TRANSIENT_SQLSTATE_CLASSES.some((c) => e.code!.toString().startsWith(c)))
      return true;
  }
  if (typeof e.message === 'string' && TRANSIENT_MESSAGES.test(e.message)) return true;
  return isTransientError(e.cause, depth + 1);
}
