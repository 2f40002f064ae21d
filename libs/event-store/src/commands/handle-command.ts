import type { Transaction } from 'kysely';
import type { Database } from '#db';
import type { DecidedEvent, Decider } from '#domain';
import { ConcurrencyError } from '../errors.js';
import type { EventStore } from '../event-store.js';
import { type EventMetadata, type NewEvent, newEventId } from '../events.js';

// The one way a command changes a stream (Emmett's handleCommandWithDecider):
// load the stream, fold it with the decider, decide, append with the version
// read as the expected version. A writer that appended in between makes the
// append fail with ConcurrencyError: wait a little (jittered, growing) and
// decide again on the fresh state. Every write path goes through here.

export interface CommandOutcome<State, Event extends DecidedEvent> {
  streamId: string;
  /** The events appended (empty when the decider decided nothing), with their ids. */
  events: (Event & { eventId: string })[];
  /** The state before the command and after its events. */
  before: State;
  state: State;
  /** The stream's version after the command (its version read when nothing was appended). */
  nextExpectedVersion: number;
  /** 1 unless a concurrent writer made us decide again. */
  attempts: number;
}

export interface HandleCommandOptions<State, Event extends DecidedEvent, Result> {
  metadata?: Partial<EventMetadata>;
  /** Event ids (deterministic ones make a repeated command a no-op append); random when omitted. */
  eventId?: (event: Event, index: number, version: number) => string;
  /**
   * Rows that must commit with the events (a subscription's row, a feed's row).
   * When given, the read, the append and this run in one transaction, which a
   * conflict rolls back as a whole before the retry.
   */
  alongside?: (trx: Transaction<Database>, outcome: CommandOutcome<State, Event>) => Promise<Result>;
  /** Attempts in all before a ConcurrencyError is rethrown (default 5). */
  maxAttempts?: number;
  /** First wait before a retry, doubled each time, half of it random (default 10 ms, at most 500 ms). */
  backoffMs?: number;
  /** Tests: see each retry. */
  onRetry?: (error: ConcurrencyError, attempt: number) => void;
}

export interface CommandResult<State, Event extends DecidedEvent, Result> extends CommandOutcome<State, Event> {
  /** What `alongside` returned. */
  result: Result;
}

const MAX_BACKOFF_MS = 500;

/** The wait before retry `attempt` (1 after the first conflict): half fixed, half random, doubling. */
export function commandBackoff(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const nominal = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** (attempt - 1));
  return nominal / 2 + random() * (nominal / 2);
}

export async function handleCommand<State, Command, Event extends DecidedEvent, Result = undefined>(
  store: EventStore,
  streamId: string,
  decider: Decider<State, Command, Event>,
  command: Command,
  options: HandleCommandOptions<State, Event, Result> = {},
): Promise<CommandResult<State, Event, Result>> {
  const maxAttempts = options.maxAttempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    try {
      const alongside = options.alongside;
      if (!alongside)
        return {
          ...(await decideAndAppend(store, streamId, decider, command, options, attempt)),
          result: undefined as Result,
        };
      return await store.transaction(async (trx) => {
        const outcome = await decideAndAppend(store, streamId, decider, command, options, attempt, trx);
        return { ...outcome, result: await alongside(trx, outcome) };
      });
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= maxAttempts) throw error;
      options.onRetry?.(error, attempt);
      await new Promise((resolve) => setTimeout(resolve, commandBackoff(attempt, options.backoffMs ?? 10)));
    }
  }
}

async function decideAndAppend<State, Command, Event extends DecidedEvent, Result>(
  store: EventStore,
  streamId: string,
  decider: Decider<State, Command, Event>,
  command: Command,
  options: HandleCommandOptions<State, Event, Result>,
  attempts: number,
  trx?: Transaction<Database>,
): Promise<CommandOutcome<State, Event>> {
  const stream = await store.readStream<Event>(streamId, { executor: trx });
  const version = stream.at(-1)?.streamVersion ?? 0;
  // A stored event is its `{ type, data }` and more; TypeScript cannot see that through the type parameter.
  const before = stream.reduce(
    (state, event) => decider.evolve(state, event as unknown as Event),
    decider.initialState(),
  );
  const decided = decider.decide(command, before);
  if (decided.length === 0)
    return { streamId, events: [], before, state: before, nextExpectedVersion: version, attempts };
  const events = decided.map((event, index) => ({
    ...event,
    eventId: options.eventId?.(event, index, version) ?? newEventId(),
  }));
  const causationId = stream.at(-1)?.eventId;
  const toAppend: NewEvent[] = events.map((e) => ({
    eventId: e.eventId,
    type: e.type,
    data: e.data,
    metadata: { ...options.metadata, ...(causationId && { causationId }) },
  }));
  const { nextExpectedVersion } = await store.append(streamId, toAppend, { expectedVersion: version, trx });
  const state = events.reduce((s, e) => decider.evolve(s, e), before);
  return { streamId, events, before, state, nextExpectedVersion, attempts };
}
