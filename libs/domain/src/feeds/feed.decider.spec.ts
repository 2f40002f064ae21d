import { deciderSpecification } from '../testing/decider-specification.js';
import type { FeedRegistered, FeedStreamEvent } from './feed-events.js';
import { feedDecider } from './feed.decider.js';

const given = deciderSpecification(feedDecider);
const feed: FeedRegistered = {
  feedId: 'f1',
  url: 'https://news.example.org/rss',
  outlet: 'Example News',
  pollIntervalSeconds: 900,
  registeredBy: 'ann@example.org',
};
const registered: FeedStreamEvent = { type: 'FeedRegistered', data: feed };
const removed: FeedStreamEvent = { type: 'FeedRemoved', data: { feedId: 'f1', removedBy: 'bob@example.org' } };

describe('feed decider', () => {
  it('registers a feed once', () => {
    given()
      .when({ type: 'RegisterFeed', ...feed })
      .then([registered]);
    given(registered)
      .when({ type: 'RegisterFeed', ...feed })
      .thenRefuses('feed-exists');
  });

  it('removes a registered feed once; a feed never registered is not found', () => {
    given(registered).when({ type: 'RemoveFeed', feedId: 'f1', removedBy: 'bob@example.org' }).then([removed]);
    given(registered, removed)
      .when({ type: 'RemoveFeed', feedId: 'f1', removedBy: 'bob@example.org' })
      .thenRefuses('feed-not-found');
    given().when({ type: 'RemoveFeed', feedId: 'f1', removedBy: 'bob@example.org' }).thenRefuses('feed-not-found');
  });
});
