import { randomBytes } from 'node:crypto';
import { type IncomingHttpHeaders, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { Webhook } from 'standardwebhooks';
import {
  type AlertJob,
  type AlertMessageV1,
  createSubscription,
  createSubscriptionSchema,
  deliverySettings,
  getAlert,
  listAlerts,
  parseSubscriptionInput,
  reopenDeadLetters,
  webhookJobIdOf,
} from '#alerts';
import { type TestDatabase, createTestDatabase } from '#db/testing/test-database';
import { EventStore, LogConsumer, consumerStatuses } from '#event-store';
import { catchUp } from '#event-store/testing/catch-up';
import { ALERT_WEBHOOKS_QUEUE, ALERTS_QUEUE, QueueConnection, type WebhookJob, webhookJobOptions } from '#queue';
import { READ_MODEL_PROJECTIONS } from '#read-models';
import { INCIDENT_CORRECTIONS_STREAM } from '#domain';
import {
  ArticleStreams,
  IRAN,
  IRAQ,
  USA,
  article,
  catchUp as catchUpReadModels,
  coded,
} from '#read-models/testing/article-streams';
import { createAlertDispatcher } from './alert-dispatcher.js';
import { createAlertProjection } from '#alerts';
import { processWebhookJob, webhookWorkerOptions } from './webhook-delivery.processor.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
// The receivers below listen on loopback, which webhook deliveries refuse unless the allowlist names it.
process.env.ALLOWED_INTERNAL_HOSTS = '127.0.0.1';
const waiver = (articleId: string, eventId: string, start = '2021-03-26', end = start) =>
  coded(
    articleId,
    eventId,
    'WaiverGranted',
    [USA],
    [IRAQ],
    { start, end },
    { evidence: [{ start: 82, end: 130, text: 'Washington extended the sanctions waiver for Iraq' }] },
  );

/** A local receiver whose answer the test scripts: a status per request, 'hang' to never answer. */
class Receiver {
  readonly requests: { headers: IncomingHttpHeaders; body: string; at: number }[] = [];
  script: (number | 'hang')[] = [];
  fallback = 204;
  private readonly server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      this.requests.push({ headers: req.headers, body, at: Date.now() });
      const answer = this.script.shift() ?? this.fallback;
      if (answer !== 'hang') res.writeHead(answer).end();
    });
  });
  url = '';
  async start() {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/alerts`;
  }
  stop() {
    this.server.closeAllConnections();
    return new Promise<void>((r) => this.server.close(() => r()));
  }
  for(alertId: string) {
    return this.requests.filter((r) => String(r.headers['webhook-id']).startsWith(alertId));
  }
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('alerts: projection, dispatcher, webhook delivery (PostgreSQL, BullMQ on Redis)', () => {
  let testDb: TestDatabase;
  let store: EventStore;
  let streams: ArticleStreams;
  let queues: QueueConnection;
  let namespace: string;
  let receiver: Receiver;
  let projection: LogConsumer;
  let dispatcher: LogConsumer;
  let alertsQueue: Queue<AlertJob>;
  const settings = { ...deliverySettings({}), attempts: 3, backoffBaseMs: 100, timeoutMs: 1_000 };

  // The alert projection appends alert events, which the read models it runs after must move past too: go round until all are level.
  const sync = async () => {
    for (let round = 0; round < 20; round++) {
      await catchUpReadModels(testDb.db, READ_MODEL_PROJECTIONS);
      while ((await projection.processBatch()) > 0);
      await catchUp(testDb.db, dispatcher);
      const statuses = await consumerStatuses(testDb.db, [
        ...READ_MODEL_PROJECTIONS.map((p) => p.name),
        projection.name,
        dispatcher.name,
      ]);
      if (statuses.every((s) => s.lagEvents === 0)) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('consumers did not level');
  };
  const subscribe = async (
    name: string,
    rule: object,
    delivery: object = { queue: true, webhook: { url: receiver.url } },
  ) =>
    createSubscription(
      testDb.db,
      store,
      parseSubscriptionInput(createSubscriptionSchema, { name, rule, delivery }),
      'ana@example.org',
    );
  const alertsOf = async (subscriptionId: string) =>
    (await listAlerts(testDb.db, { subscriptionId }, { limit: 50, offset: 0 })).items;
  const delivery = (alertId: string, revision = 1) =>
    testDb.db
      .selectFrom('alert_deliveries')
      .selectAll()
      .where('alert_id', '=', alertId)
      .where('revision', '=', revision)
      .executeTakeFirst();

  beforeAll(async () => {
    testDb = await createTestDatabase();
    store = new EventStore(testDb.db);
    streams = new ArticleStreams(testDb.db);
    namespace = `alerts-${randomBytes(4).toString('hex')}`;
    queues = new QueueConnection({ redisUrl: REDIS_URL, databaseUrl: testDb.url, namespace });
    receiver = new Receiver();
    await receiver.start();
    alertsQueue = queues.queue<AlertJob>(ALERTS_QUEUE);
    const { invalidate: _, ...options } = createAlertProjection(store);
    projection = new LogConsumer(testDb.db, { ...options, batchSize: 5 });
    dispatcher = new LogConsumer(
      testDb.db,
      createAlertDispatcher(
        { alerts: alertsQueue, webhooks: queues.queue<WebhookJob>(ALERT_WEBHOOKS_QUEUE) },
        webhookJobOptions(settings),
      ),
    );
    // The QueueConnection closes it in afterAll.
    queues.worker<WebhookJob>(
      ALERT_WEBHOOKS_QUEUE,
      (job) => processWebhookJob(testDb.db, settings, job),
      webhookWorkerOptions(settings),
    );
  });
  afterAll(async () => {
    await queues.close();
    await receiver.stop();
    await testDb.drop();
  });

  it('raises exactly one alert for "WaiverGranted involving Iraq", queued under its id and delivered signed with its explanation', async () => {
    const { subscription, webhookSecret } = await subscribe('WaiverGranted involving Iraq', {
      eventTypes: ['WaiverGranted'],
      countries: ['IRQ'],
    });
    await streams.receive(article('reuters', { outlet: 'Reuters' }));
    await streams.code('reuters', [
      waiver('reuters', 'w-reuters'),
      coded('reuters', 'letter', 'LetterSent', [IRAQ], [IRAN], { start: '2021-03-29', end: '2021-04-07' }),
    ]);
    await sync();

    const [alert, ...others] = await alertsOf(subscription.id);
    expect(others).toEqual([]);
    expect(alert).toMatchObject({
      status: 'active',
      incidentId: 'inc-w-reuters',
      eventType: 'WaiverGranted',
      eventIds: ['w-reuters'],
      sourceCount: 1,
    });

    const job = await alertsQueue.getJob(alert!.alertId);
    expect(job?.name).toBe('alert.raised');
    expect(job?.data).toMatchObject({
      schema: 'newsledger.alert/v1',
      alertId: alert!.alertId,
      revision: 1,
      kind: 'raised',
    });

    const [request] = await until(
      'the webhook',
      async () => receiver.for(alert!.alertId).length === 1 && receiver.for(alert!.alertId),
    );
    const body = new Webhook(webhookSecret!).verify(
      request!.body,
      request!.headers as Record<string, string>,
    ) as AlertMessageV1;
    expect(request!.headers['webhook-id']).toBe(`${alert!.alertId}.r1`);
    expect(body.explanation.events[0]).toMatchObject({
      eventId: 'w-reuters',
      evidence: [{ text: 'Washington extended the sanctions waiver for Iraq' }],
      // A rule saved without modalities is stored as asserted only, and its explanation says so.
      matched: [
        { clause: 'eventTypes', actual: 'WaiverGranted' },
        { clause: 'modalities', expected: ['asserted'], actual: 'asserted' },
        { clause: 'countries', matched: [{ side: 'target', country: 'IRQ', actorId: 'iraq' }] },
      ],
    });
    expect(body.explanation.articles).toEqual([
      expect.objectContaining({ articleId: 'reuters', url: 'https://news.example.org/reuters', outlet: 'Reuters' }),
    ]);
    await until('delivered state', async () => (await delivery(alert!.alertId))?.state === 'delivered');
  });

  it('counts a second article about the same waiver as a source of the same alert, raising nothing new', async () => {
    const [subscription] = (await testDb.db.selectFrom('alert_subscriptions').select('subscription_id').execute()).map(
      (r) => r.subscription_id,
    );
    const before = receiver.requests.length;
    await streams.receive(article('shafaq', { outlet: 'Shafaq' }));
    await streams.code('shafaq', [waiver('shafaq', 'w-shafaq', '2021-03-22', '2021-03-28')]);
    await sync();
    const alerts = await alertsOf(subscription!);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      sourceCount: 2,
      outletCount: 2,
      eventIds: ['w-reuters', 'w-shafaq'],
      version: 2,
    });
    const detail = await getAlert(testDb.db, alerts[0]!.alertId);
    // The subscription did not ask for updates: the new source is in the alert (version 2), and nothing is announced.
    expect(detail!.announcements.map((a) => [a.kind, a.delivered])).toEqual([
      ['raised', { queue: true, webhook: true }],
    ]);
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.requests.length).toBe(before);
    expect(await alertsQueue.getJobCounts('wait', 'completed', 'delayed', 'active')).toMatchObject({ wait: 1 });
  });

  it('a rebuild from an empty alerts table and the start of the log repeats no delivery and no job', async () => {
    const requests = receiver.requests.length;
    const streamEvents = async () =>
      (await testDb.db.selectFrom('events').select('event_id').where('stream_id', 'like', 'alert-%').execute()).length;
    const eventsBefore = await streamEvents();
    const currentBefore = (
      await testDb.db.selectFrom('alerts').selectAll().where('recorded_to', 'is', null).execute()
    ).map((a) => [a.alert_id, a.source_count, a.status]);
    await testDb.db.deleteFrom('alerts').execute();
    await testDb.db
      .deleteFrom('consumer_checkpoints')
      .where('consumer', 'in', [projection.name, dispatcher.name])
      .execute();
    await sync();
    expect(
      (await testDb.db.selectFrom('alerts').selectAll().where('recorded_to', 'is', null).execute()).map((a) => [
        a.alert_id,
        a.source_count,
        a.status,
      ]),
    ).toEqual(currentBefore);
    expect(await streamEvents()).toBe(eventsBefore);
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.requests.length).toBe(requests);
    expect(await alertsQueue.count()).toBe(1);
  });

  it('retracts the alert when its events are retracted, and tells downstream', async () => {
    const [subscription] = (await testDb.db.selectFrom('alert_subscriptions').select('subscription_id').execute()).map(
      (r) => r.subscription_id,
    );
    const [alert] = await alertsOf(subscription!);
    await streams.run('shafaq', {
      type: 'RetractEvent',
      eventId: 'w-shafaq',
      reason: 'misread',
      by: 'ana@example.org',
    });
    await sync();
    expect((await alertsOf(subscription!))[0]).toMatchObject({ status: 'active', sourceCount: 1 });
    await streams.run('reuters', {
      type: 'RetractEvent',
      eventId: 'w-reuters',
      reason: 'misread',
      by: 'ana@example.org',
    });
    await sync();
    expect((await alertsOf(subscription!))[0]).toMatchObject({
      status: 'retracted',
      retraction: { reason: 'event-retracted' },
    });
    // Revision 2: the changes of sources in between were not announced (the subscription takes no updates).
    const job = await alertsQueue.getJob(`${alert!.alertId}.r2`);
    expect(job?.data).toMatchObject({
      kind: 'retracted',
      status: 'retracted',
      revision: 2,
      retraction: { reason: 'event-retracted', eventIds: ['w-reuters'] },
    });
    await until('the retraction webhook', async () =>
      receiver.for(alert!.alertId).some((r) => r.headers['webhook-id'] === `${alert!.alertId}.r2`),
    );
  });

  it('retries a receiver that answers 500 twice, delivering on the third attempt, every attempt recorded', async () => {
    const { subscription } = await subscribe(
      'Sanctions on Iran',
      { eventTypes: ['SanctionsImposed'], countries: ['IRN'], countryRole: 'target' },
      { webhook: { url: receiver.url } },
    );
    receiver.script = [500, 500];
    await streams.receive(article('sanctions'));
    await streams.code('sanctions', [
      coded('sanctions', 's-1', 'SanctionsImposed', [USA], [IRAN], { start: '2021-04-01', end: '2021-04-01' }),
    ]);
    await sync();
    const [alert] = await alertsOf(subscription.id);
    await until('delivery', async () => (await delivery(alert!.alertId))?.state === 'delivered', 30_000);
    const detail = await getAlert(testDb.db, alert!.alertId);
    expect(detail!.deliveries[0]!.attempts.map((a) => [a.attempt, a.status, a.ok, a.error])).toEqual([
      [1, 500, false, 'HTTP 500'],
      [2, 500, false, 'HTTP 500'],
      [3, 204, true, null],
    ]);
    expect(detail!.deliveries[0]!.attempts.every((a) => a.latencyMs !== null && a.finishedAt)).toBe(true);
    expect(new Set(receiver.for(alert!.alertId).map((r) => r.headers['webhook-id']))).toEqual(
      new Set([`${alert!.alertId}.r1`]),
    );
    expect(await alertsQueue.getJob(alert!.alertId)).toBeUndefined(); // webhook only
  });

  it('dead-letters a delivery whose attempts are spent, and a replay delivers it once the receiver recovers', async () => {
    const { subscription } = await subscribe(
      'Attacks on Iraq',
      { eventTypes: ['AttackCarriedOut'] },
      { webhook: { url: receiver.url } },
    );
    receiver.script = [503, 503, 503];
    await streams.receive(article('attack'));
    await streams.code('attack', [
      coded('attack', 'a-1', 'AttackCarriedOut', [IRAN], [IRAQ], { start: '2021-04-02', end: '2021-04-02' }),
    ]);
    await sync();
    const [alert] = await alertsOf(subscription.id);
    await until('dead letter', async () => (await delivery(alert!.alertId))?.state === 'dead', 30_000);
    const dead = await getAlert(testDb.db, alert!.alertId);
    expect(dead!.deliveries[0]).toMatchObject({
      state: 'dead',
      lastError: 'HTTP 503',
      deadLetters: [{ attempts: 3, lastError: 'HTTP 503', replayedAt: null }],
    });
    expect(dead!.deliveries[0]!.attempts).toHaveLength(3);

    const reopened = await reopenDeadLetters(testDb.db, alert!.alertId, 'ana@example.org');
    expect(reopened).toEqual([{ revision: 1, subscriptionId: subscription.id, replay: 1 }]);
    await queues
      .queue<WebhookJob>(ALERT_WEBHOOKS_QUEUE)
      .add(
        'deliver',
        { alertId: alert!.alertId, revision: 1, subscriptionId: subscription.id },
        { attempts: 3, backoff: { type: 'exponential-jitter' }, jobId: webhookJobIdOf(alert!.alertId, 1, 1) },
      );
    await until('replayed delivery', async () => (await delivery(alert!.alertId))?.state === 'delivered');
    const replayed = await getAlert(testDb.db, alert!.alertId);
    expect(replayed!.deliveries[0]).toMatchObject({ replays: 1, deadLetters: [{ replayedBy: 'ana@example.org' }] });
    expect(replayed!.deliveries[0]!.attempts.map((a) => a.ok)).toEqual([false, false, false, true]);
  });

  it('gives a receiver timeout as the attempt error', async () => {
    const { subscription } = await subscribe(
      'Protests',
      { eventTypes: ['ProtestHeld'] },
      { webhook: { url: receiver.url } },
    );
    receiver.script = ['hang'];
    await streams.receive(article('protest'));
    await streams.code('protest', [
      coded('protest', 'p-1', 'ProtestHeld', [IRAQ], [USA], { start: '2021-04-03', end: '2021-04-03' }),
    ]);
    await sync();
    const [alert] = await alertsOf(subscription.id);
    await until(
      'delivery after a timeout',
      async () => (await delivery(alert!.alertId))?.state === 'delivered',
      30_000,
    );
    const detail = await getAlert(testDb.db, alert!.alertId);
    expect(detail!.deliveries[0]!.attempts.map((a) => a.error)).toEqual(['timeout after 1000 ms', null]);
  });

  it('retracts as merged the alert of an incident that a new report bridges into another', async () => {
    const { subscription } = await subscribe(
      'Attacks on the US',
      { eventTypes: ['AttackCarriedOut'], countries: ['USA'], countryRole: 'target' },
      { queue: true },
    );
    const attack = (articleId: string, eventId: string, start: string, end = start) =>
      coded(articleId, eventId, 'AttackCarriedOut', [IRAQ], [USA], { start, end });
    await streams.receive(article('attack-early', { outlet: 'Early Times' }));
    await streams.code('attack-early', [attack('attack-early', 'x-early', '2021-07-01')]);
    await streams.receive(article('attack-late', { outlet: 'Late Post' }));
    await streams.code('attack-late', [attack('attack-late', 'x-late', '2021-07-20')]);
    await sync();
    expect((await alertsOf(subscription.id)).map((a) => [a.incidentId, a.status]).sort()).toEqual([
      ['inc-x-early', 'active'],
      ['inc-x-late', 'active'],
    ]);
    // A weekly round-up spans both dates: the two incidents become one, the older one's id survives.
    await streams.receive(article('attack-roundup', { outlet: 'Weekly' }));
    await streams.code('attack-roundup', [attack('attack-roundup', 'x-roundup', '2021-07-01', '2021-07-20')]);
    await sync();
    const alerts = await alertsOf(subscription.id);
    const survivor = alerts.find((a) => a.incidentId === 'inc-x-early')!;
    expect(survivor).toMatchObject({ status: 'active', sourceCount: 3, eventIds: ['x-early', 'x-late', 'x-roundup'] });
    expect(alerts.find((a) => a.incidentId === 'inc-x-late')).toMatchObject({
      status: 'retracted',
      retraction: { reason: 'merged', mergedInto: survivor.alertId },
    });
  });

  it("follows an analyst's merge (one alert left, the other retracted as merged) and split (a new alert for the new incident)", async () => {
    const { subscription } = await subscribe(
      'Visits to Iran',
      { eventTypes: ['VisitMade'], countries: ['IRN'], countryRole: 'target' },
      { queue: true },
    );
    const visit = (articleId: string, eventId: string, day: string) =>
      coded(articleId, eventId, 'VisitMade', [IRAQ], [IRAN], { start: day, end: day });
    // Weeks apart, so the automatic matching keeps them apart.
    await streams.receive(article('visit-early', { outlet: 'Early Times' }));
    await streams.code('visit-early', [visit('visit-early', 'v-early', '2021-06-03')]);
    await streams.receive(article('visit-late', { outlet: 'Late Post' }));
    await streams.code('visit-late', [visit('visit-late', 'v-late', '2021-06-20')]);
    await sync();
    const alertOn = async (incidentId: string) =>
      (await alertsOf(subscription.id)).find((a) => a.incidentId === incidentId);
    expect((await alertsOf(subscription.id)).map((a) => [a.incidentId, a.status, a.sourceCount]).sort()).toEqual([
      ['inc-v-early', 'active', 1],
      ['inc-v-late', 'active', 1],
    ]);
    const late = (await alertOn('inc-v-late'))!;

    const correct = (type: 'IncidentsMerged' | 'IncidentSplit', data: object) =>
      store.append(
        INCIDENT_CORRECTIONS_STREAM,
        [{ type, data, metadata: { actor: 'ana@example.org', reason: 'analyst' } }],
        { expectedVersion: 'any' },
      );
    await correct('IncidentsMerged', {
      incidentIds: ['inc-v-early', 'inc-v-late'],
      into: 'inc-v-early',
      by: 'ana@example.org',
      reason: 'one visit, misdated',
    });
    await sync();
    expect(await alertOn('inc-v-early')).toMatchObject({
      status: 'active',
      sourceCount: 2,
      eventIds: ['v-early', 'v-late'],
    });
    expect(await alertOn('inc-v-late')).toMatchObject({
      status: 'retracted',
      retraction: { reason: 'merged', mergedInto: (await alertOn('inc-v-early'))!.alertId },
    });
    expect((await alertsQueue.getJob(`${late.alertId}.r2`))?.data).toMatchObject({
      kind: 'retracted',
      retraction: { reason: 'merged' },
    });

    await correct('IncidentSplit', {
      incidentId: 'inc-v-early',
      eventIds: ['v-late'],
      by: 'ana@example.org',
      reason: 'two visits after all',
    });
    await sync();
    expect(await alertOn('inc-v-early')).toMatchObject({ status: 'active', sourceCount: 1, eventIds: ['v-early'] });
    const fresh = (await alertOn('inc-split-v-late'))!;
    expect(fresh).toMatchObject({ status: 'active', sourceCount: 1, eventIds: ['v-late'] });
    expect((await alertsQueue.getJob(fresh.alertId))?.data).toMatchObject({
      kind: 'raised',
      incidentId: 'inc-split-v-late',
    });
    expect(await alertOn('inc-v-late')).toMatchObject({ status: 'retracted' });
  });

  it('announces a new source as updated only to the subscription that asked for updates; both alerts count it', async () => {
    const rule = { eventTypes: ['VisitMade'], countries: ['USA'], countryRole: 'target' };
    const create = (name: string, notifyOnUpdate: boolean) =>
      createSubscription(
        testDb.db,
        store,
        parseSubscriptionInput(createSubscriptionSchema, { name, rule, delivery: { queue: true }, notifyOnUpdate }),
        'ana@example.org',
      );
    const { subscription: eager } = await create('Visits to the US, with updates', true);
    const { subscription: quiet } = await create('Visits to the US, raised only', false);
    const visit = (articleId: string, eventId: string) =>
      coded(articleId, eventId, 'VisitMade', [IRAQ], [USA], { start: '2021-08-02', end: '2021-08-02' });
    await streams.receive(article('us-visit-a', { outlet: 'Alpha' }));
    await streams.code('us-visit-a', [visit('us-visit-a', 'u-a')]);
    await sync();
    await streams.receive(article('us-visit-b', { outlet: 'Beta' }));
    await streams.code('us-visit-b', [visit('us-visit-b', 'u-b')]);
    await sync();
    const [eagerAlert] = await alertsOf(eager.id);
    const [quietAlert] = await alertsOf(quiet.id);
    for (const alert of [eagerAlert!, quietAlert!])
      expect(alert).toMatchObject({ status: 'active', sourceCount: 2, outletCount: 2, version: 2 });
    const kinds = async (alertId: string) =>
      (await getAlert(testDb.db, alertId))!.announcements.map((a) => [a.revision, a.kind, a.delivered.queue]);
    expect(await kinds(eagerAlert!.alertId)).toEqual([
      [1, 'raised', true],
      [2, 'updated', true],
    ]);
    expect(await kinds(quietAlert!.alertId)).toEqual([[1, 'raised', true]]);
    expect((await alertsQueue.getJob(`${eagerAlert!.alertId}.r2`))?.data).toMatchObject({
      kind: 'updated',
      sourceCount: 2,
      outletCount: 2,
    });
    // Same rule, same incident: one stored explanation serves both alerts, and the API shows it in full.
    const rows = await testDb.db
      .selectFrom('alerts')
      .select(['explanation', 'explanation_hash'])
      .where('alert_id', 'in', [eagerAlert!.alertId, quietAlert!.alertId])
      .where('recorded_to', 'is', null)
      .execute();
    expect(rows.map((r) => r.explanation)).toEqual([null, null]);
    expect(new Set(rows.map((r) => r.explanation_hash)).size).toBe(1);
    expect(eagerAlert!.explanation).toEqual(quietAlert!.explanation);
    expect(eagerAlert!.explanation.events.map((e) => e.eventId)).toEqual(['u-a', 'u-b']);
    expect(eagerAlert!.explanation.sources).toEqual({ required: 1, outlets: 2, articles: 2 });
  });
});

// Keep the imports used only as types from being flagged by isolatedModules.
export type { QueueEvents, Redis };
