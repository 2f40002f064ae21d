import type { Decider } from '../decider.js';
import { DomainError } from '../errors.js';
import type { FeedRegistered, FeedStreamEvent } from './feed-events.js';

// A feed's stream as a decider: registered once, removed once. (One URL, one
// feed is the feeds table's unique key: a fact about every stream, not one.)

export interface FeedStreamState {
  status: 'none' | 'registered' | 'removed';
}

export type FeedCommand =
  ({ type: 'RegisterFeed' } & FeedRegistered) | { type: 'RemoveFeed'; feedId: string; removedBy: string };

export const initialFeedState = (): FeedStreamState => ({ status: 'none' });

export function decideFeed(command: FeedCommand, state: FeedStreamState): FeedStreamEvent[] {
  switch (command.type) {
    case 'RegisterFeed': {
      if (state.status !== 'none')
        throw new DomainError('feed-exists', `feed ${command.feedId} was registered already`);
      const { type: _command, ...data } = command;
      return [{ type: 'FeedRegistered', data }];
    }
    case 'RemoveFeed':
      if (state.status !== 'registered') throw new DomainError('feed-not-found', `no feed ${command.feedId}`);
      return [{ type: 'FeedRemoved', data: { feedId: command.feedId, removedBy: command.removedBy } }];
  }
}

export const evolveFeed = (_state: FeedStreamState, event: FeedStreamEvent): FeedStreamState => ({
  status: event.type === 'FeedRegistered' ? 'registered' : 'removed',
});

export const feedDecider: Decider<FeedStreamState, FeedCommand, FeedStreamEvent> = {
  decide: decideFeed,
  evolve: evolveFeed,
  initialState: initialFeedState,
};
