// A decider is one value (Emmett's shape): decide(command, state) → events,
// evolve(state, event) → state, and the state of a stream with no event. Pure:
// the event store's command handler loads a stream, folds it with `evolve`,
// decides, and appends with the version it read.

/** What every stream event looks like to a decider: a type and its data. */
export interface DecidedEvent {
  type: string;
  data: unknown;
}

export interface Decider<State, Command, Event extends DecidedEvent> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/** The state after `events`, folded from the decider's initial state. */
export const foldWith = <State, Event extends DecidedEvent>(
  decider: Pick<Decider<State, never, Event>, 'evolve' | 'initialState'>,
  events: readonly Event[],
): State => events.reduce((state, event) => decider.evolve(state, event), decider.initialState());
