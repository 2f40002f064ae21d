import { type TestDatabase, createTestDatabase } from '#db/testing/test-database';
import { EventStore } from '#event-store';
import {
  createSubscription,
  deleteSubscription,
  getSubscription,
  updateSubscription,
} from './subscriptions-repository.js';

describe('subscription writes (commands on the subscription stream, PostgreSQL)', () => {
  let testDb: TestDatabase;
  let store: EventStore;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    store = new EventStore(testDb.db);
  });
  afterAll(() => testDb.drop());

  const create = () =>
    createSubscription(
      testDb.db,
      store,
      { name: 'Talks', rule: { eventTypes: ['TalksStarted'], modalities: ['asserted'] }, delivery: { queue: true } },
      'ann@example.org',
    );

  it('two analysts updating at once: both changes land, decided in turn, the row at the stream version', async () => {
    const { subscription } = await create();
    await Promise.all([
      updateSubscription(testDb.db, store, subscription.id, { name: 'Gulf talks' }, 'ann@example.org'),
      updateSubscription(testDb.db, store, subscription.id, { notifyOnUpdate: true }, 'bob@example.org'),
    ]);
    const stream = await store.readStream(`subscription-${subscription.id}`);
    expect(stream.map((e) => e.type)).toEqual(['SubscriptionCreated', 'SubscriptionUpdated', 'SubscriptionUpdated']);
    const row = await getSubscription(testDb.db, subscription.id);
    expect(row).toMatchObject({ name: 'Gulf talks', notifyOnUpdate: true, version: 3 });
  });

  it('an update that changes nothing appends nothing; a deleted subscription is not found', async () => {
    const { subscription } = await create();
    const same = await updateSubscription(testDb.db, store, subscription.id, { name: 'Talks' }, 'ann@example.org');
    expect(same.subscription.version).toBe(1);
    expect(await deleteSubscription(testDb.db, store, subscription.id, 'ann@example.org')).toBe(true);
    expect(await deleteSubscription(testDb.db, store, subscription.id, 'ann@example.org')).toBe(false);
    await expect(
      updateSubscription(testDb.db, store, subscription.id, { name: 'x' }, 'ann@example.org'),
    ).rejects.toThrow();
    expect((await store.readStream(`subscription-${subscription.id}`)).map((e) => e.type)).toEqual([
      'SubscriptionCreated',
      'SubscriptionDeleted',
    ]);
  });
});
