import { randomUUID } from 'node:crypto';
import type { TestDatabase } from '#db/testing/test-database';
import { EventStore } from '#event-store';
import { type AdminSession, loginAsAdmin } from './support/admin-session.js';
import type { RunningApp } from './support/compiled-app.js';
import { type Standalone, startStandalone } from './support/standalone.js';
import { deliver } from './support/signed-delivery.js';

const ADMIN_EMAIL = 'parking@desk.example';
const ADMIN_PASSWORD = 'parking e2e password 42';
const talks = (n: string, publishedAt: string) =>
  JSON.stringify({
    url: `https://news.example.org/parking-${n}`,
    title: `Talks ${n}`,
    publishedAt,
    outlet: 'Example',
    body: `Talks ${n}: Iraq and Iran held talks in Baghdad on Monday. `.padEnd(
      400,
      'The two delegations discussed border security, trade and the payment of Iraq’s gas debts. ',
    ),
  });

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false | null>,
  app: RunningApp,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${app.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/**
 * Issue #11, finding 1: one coded event with a year-0 date (PostgreSQL refuses
 * the row) stopped the events, incidents and alert projections for good. It is
 * written here straight into the log, as an older coder or a hand-made append
 * could have; every later article must still reach the API and raise its
 * alert, the bad event must be parked (and parked again by a rebuild), and a
 * replay of it must be recorded.
 */
describe('a poison event in the log (end to end)', () => {
  let testDb: TestDatabase;
  let app: RunningApp;
  let stack: Standalone | undefined;
  let baseUrl: string;
  let admin: AdminSession;

  beforeAll(async () => {
    stack = await startStandalone({ ADMIN_EMAIL, ADMIN_PASSWORD });
    ({ testDb, app, baseUrl } = stack);
    admin = await loginAsAdmin(baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  const codedArticle = (articleId: string) =>
    until(
      `article ${articleId} coded with events`,
      async () => {
        const { status, json } = await admin.call('GET', `/api/articles/${articleId}`);
        return status === 200 && json.status === 'coded' && json.events.length > 0 && json;
      },
      app,
    );
  const parkedOf = async (consumer: string) =>
    (await admin.call('GET', `/api/operations/parked?consumer=${encodeURIComponent(consumer)}&status=all`)).json
      .parked as any[];

  it('parks the year-0 event in each projection it breaks; later articles still reach the API and raise alerts; a rebuild parks it again', async () => {
    const subscription = await admin.call('POST', '/api/subscriptions', {
      name: 'Any talks',
      rule: { eventTypes: ['TalksStarted'] },
      delivery: { queue: true },
    });
    expect(subscription.status).toBe(201);

    // A first article, coded by the running coder: its version is the one the poison claims, so nothing re-codes it.
    const first = await deliver(baseUrl, { id: 'msg_parking_first', body: talks('first', '2021-05-12') });
    expect(first.status).toBe(202);
    await codedArticle(first.json.articleId);
    const coderVersion = (
      (await testDb.db.selectFrom('events').select('data').where('type', '=', 'ArticleCoded').executeTakeFirstOrThrow())
        .data as { coderVersion: string }
    ).coderVersion;

    const poisonArticle = randomUUID();
    const poisonEvent = randomUUID();
    const iraq = { id: 'iraq', name: 'Iraq', country: 'IRQ', sector: 'GOV' };
    const iran = { id: 'iran', name: 'Iran', country: 'IRN', sector: 'GOV' };
    await new EventStore(testDb.db).append(
      `article-${poisonArticle}`,
      [
        {
          type: 'ArticleReceived',
          data: {
            articleId: poisonArticle,
            url: 'https://news.example.org/year-zero',
            title: 'Year zero',
            outlet: 'Example',
            publishedAt: '0001-01-01',
            text: 'Iraq and Iran held talks yesterday.',
            contentHash: 'year-zero',
            bodyFormat: 'text',
            via: { kind: 'webhook', webhookId: 'msg_year_zero' },
          },
        },
        { type: 'ArticleCoded', data: { articleId: poisonArticle, coderVersion, eventIds: [poisonEvent] } },
        {
          eventId: poisonEvent,
          type: 'TalksStarted',
          data: {
            eventId: poisonEvent,
            articleId: poisonArticle,
            coderVersion,
            type: 'TalksStarted',
            agent: [iraq],
            target: [iran],
            date: { start: '0000-12-31', end: '0000-12-31', precision: 'day' },
            modality: 'asserted',
            evidence: [{ start: 0, end: 25, text: 'Iraq and Iran held talks' }],
            confidence: 0.9,
            cameo: '040',
            goldstein: 1,
            plover: 'CONSULT',
          },
        },
      ],
      { expectedVersion: 0 },
    );

    // Later articles: coded, in the read API, alerted.
    const later = await deliver(baseUrl, { id: 'msg_parking_later', body: talks('later', '2021-06-15') });
    expect(later.status).toBe(202);
    const coded = await codedArticle(later.json.articleId);
    const laterEvent = coded.events.find((e: any) => e.type === 'TalksStarted');
    expect(laterEvent).toBeDefined();
    await until(
      'an alert naming the later article',
      async () => {
        const alerts = (await admin.call('GET', `/api/alerts?subscriptionId=${subscription.json.id}`)).json
          .items as any[];
        return alerts.some(
          (a) => a.articleIds?.includes(later.json.articleId) || JSON.stringify(a).includes(later.json.articleId),
        );
      },
      app,
    );

    // The poison is parked with its error where it broke a projection; no consumer is left behind.
    const eventsParked = await until(
      'read-model.events to park the poison',
      async () => (await parkedOf('read-model.events')).find((p) => p.eventId === poisonEvent),
      app,
    );
    expect(eventsParked).toMatchObject({
      eventType: 'TalksStarted',
      streamId: `article-${poisonArticle}`,
      status: 'parked',
      attempts: 3,
    });
    expect(eventsParked.error).toMatch(/out of range|invalid/i);
    const incidentsParked = await until(
      'read-model.incidents to park the poison',
      async () => (await parkedOf('read-model.incidents')).find((p) => p.eventId === poisonEvent),
      app,
    );
    expect(incidentsParked.status).toBe('parked');
    await until(
      'every consumer caught up',
      async () => {
        const { json } = await admin.call('GET', '/api/operations/consumers');
        return (json.consumers as any[]).filter((c) => c.runningHere).every((c) => c.lagEvents === 0);
      },
      app,
    );
    const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/newsledger_consumer_parked_events\{consumer="read-model\.events"\} 1/);
    expect(metrics).toMatch(/newsledger_consumer_lag_events\{consumer="alerts\.projection"\} 0/);

    // A replay with the data still bad: recorded, and the event stays parked.
    const replay = await admin.call('POST', `/api/operations/parked/${eventsParked.parkedId}/replay`, {
      reason: 'checking',
    });
    expect(replay.status).toBe(202);
    expect(replay.json.status).toBe('replay-requested');
    const again = await until(
      'the replay to fail again',
      async () => {
        const row = (await admin.call('GET', `/api/operations/parked/${eventsParked.parkedId}`)).json;
        return row.status === 'parked' && row.attempts === 4 && row;
      },
      app,
    );
    expect(again.replayRequestedBy).toBe(ADMIN_EMAIL);
    expect((await admin.call('POST', `/api/operations/parked/${randomUUID()}/replay`, {})).status).toBe(404);

    // A rebuild meets the poison again, parks it the same way, and swaps in everything else.
    const rebuild = await admin.call('POST', '/api/operations/consumers/read-model.events/rebuild', {
      reason: 'parking e2e',
    });
    expect(rebuild.status).toBe(202);
    await until(
      'the rebuild to swap',
      async () => (await admin.call('GET', rebuild.json.statusUrl)).json.status === 'swapped',
      app,
      90_000,
    );
    const afterRebuild = (await parkedOf('read-model.events')).filter((p) => p.eventId === poisonEvent);
    expect(afterRebuild).toHaveLength(1);
    expect(afterRebuild[0]).toMatchObject({ status: 'parked', attempts: 3 });
    expect(new Date(afterRebuild[0].firstFailedAt).getTime()).toBeGreaterThan(
      new Date(eventsParked.firstFailedAt).getTime(),
    );
    expect((await admin.call('GET', `/api/articles/${later.json.articleId}`)).json.events.length).toBe(
      coded.events.length,
    );
    expect(await parkedOf('read-model.events#rebuild')).toEqual([]);
  }, 240_000);
});
