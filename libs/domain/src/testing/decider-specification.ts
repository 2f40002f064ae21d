import type { DecidedEvent, Decider } from '../decider.js';
import { DomainError, type DomainErrorCode } from '../errors.js';

/**
 * Emmett's decider specification: given these events, when this command,
 * then these events (or this refusal). Tests only (uses Jest's expect).
 */
export function deciderSpecification<State, Command, Event extends DecidedEvent>(
  decider: Decider<State, Command, Event>,
) {
  return (...given: Event[]) => ({
    when: (command: Command) => {
      const decide = () =>
        decider.decide(
          command,
          given.reduce((state, event) => decider.evolve(state, event), decider.initialState()),
        );
      return {
        then: (expected: Event[]) => expect(decide()).toEqual(expected),
        thenNothing: () => expect(decide()).toEqual([]),
        thenRefuses: (code: DomainErrorCode) => {
          let refusal: unknown;
          try {
            decide();
          } catch (error) {
            refusal = error;
          }
          expect(refusal).toBeInstanceOf(DomainError);
          expect((refusal as DomainError).code).toBe(code);
        },
      };
    },
  });
}
