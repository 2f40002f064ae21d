import { readFileSync } from 'node:fs';
import { type IncomingHttpHeaders, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Worker } from 'bullmq';
import { Webhook } from 'standardwebhooks';
import { type TestDatabase, createTestDatabase } from '#db/testing/test-database';
import { type AlertJob, startAlertConsumer } from '../examples/alert-consumer.js';
import { type RunningApp, freePort, startCompiledApp } from './support/compiled-app.js';
import { PrivateRedis } from './support/redis-server.js';
import { deliver } from './support/signed-delivery.js';

const SEED = readFileSync(
  resolve(import.meta.dirname, '../../shared/corpus/dev/ap-2021-04-07-kadhimi-letter.txt'),
  'utf8',
);
const SECOND_WAIVER =
  'WASHINGTON — The United States extended a sanctions waiver for Iraq last month, allowing Baghdad to keep paying Iran for electricity and gas, two US officials said on Wednesday.\n\nThe waiver, renewed for 120 days, lets Iraq import Iranian power without penalties.';
const talks = (n: string, publishedAt: string) =>
  JSON.stringify({
    url: `https://news.example.org/talks-${n}`,
    title: `Talks ${n}`,
    publishedAt,
    outlet: 'Example',
    body: `Talks ${n}: Iraq and Iran held talks in Baghdad on Monday. `.padEnd(
      400,
      'The two delegations discussed border security, trade and the payment of Iraq’s gas debts. ',
    ),
  });
const ADMIN_EMAIL = 'alerts@desk.example';
const ADMIN_PASSWORD = 'alerts e2e password 42';

/** A local webhook receiver; `script` answers the next requests ('hang' never answers), then `fallback`. */
class Receiver {
  readonly requests: { headers: IncomingHttpHeaders; body: string }[] = [];
  script: (number | 'hang')[] = [];
  fallback = 200;
  url = '';
  private readonly server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      this.requests.push({ headers: req.headers, body });
      const answer = this.script.shift() ?? this.fallback;
      if (answer !== 'hang') res.writeHead(answer).end();
    });
  });
  async start() {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }
  stop() {
    this.server.closeAllConnections();
    return new Promise<void>((r) => this.server.close(() => r()));
  }
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false | null>,
  timeoutMs = 45_000,
  app?: RunningApp,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${app ? `:\n${app.output().slice(-3000)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Alerts end to end: the compiled app (api + worker) on a real PostgreSQL and a
 * private Redis, local HTTP receivers, and a consumer built from
 * examples/alert-consumer.ts on the `alerts` queue.
 */
describe('alerts (end to end)', () => {
  let testDb: TestDatabase;
  let redis: PrivateRedis;
  let app: RunningApp;
  let port: number;
  let baseUrl: string;
  let session: { cookie: string; csrf: string };
  let consumer: Worker<AlertJob>;
  const consumed: { jobId: string; data: AlertJob }[] = [];
  const receiver = new Receiver();

  const start = async () => {
    app = await startCompiledApp('apps/standalone/src/main.js', {
      PORT: String(port),
      DATABASE_URL: testDb.url,
      REDIS_URL: redis.url,
      CONSUMER_POLL_MS: '200',
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      ALERT_WEBHOOK_ATTEMPTS: '3',
      ALERT_WEBHOOK_BACKOFF_MS: '300',
      ALERT_WEBHOOK_TIMEOUT_MS: '3000',
      // The receiver listens on loopback; webhooks to internal addresses are refused unless named here.
      ALLOWED_INTERNAL_HOSTS: '127.0.0.1',
    });
  };
  const api = async (method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = { cookie: session.cookie };
    if (method !== 'GET') headers['x-csrf-token'] = session.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : undefined };
  };
  const login = async () => {
    const response = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
    });
    expect(response.status).toBe(200);
    const cookie = response.headers
      .getSetCookie()
      .find((c) => c.startsWith('nl_session='))!
      .split(';')[0]!;
    session = { cookie, csrf: ((await response.json()) as { csrfToken: string }).csrfToken };
  };
  const alertsOf = async (subscriptionId: string) =>
    (await api('GET', `/api/alerts?subscriptionId=${subscriptionId}`)).json.items as any[];
  const subscribe = async (name: string, rule: object, delivery: object) => {
    const created = await api('POST', '/api/subscriptions', { name, rule, delivery });
    expect(created.status).toBe(201);
    return created.json as { id: string; webhookSecret: string | null };
  };
  const ingest = async (id: string, body: string) => {
    const response = await deliver(baseUrl, { id, body });
    expect(response.status).toBe(202);
    return response.json.articleId as string;
  };
  const forAlert = (alertId: string) =>
    receiver.requests.filter((r) => String(r.headers['webhook-id']).startsWith(alertId));

  beforeAll(async () => {
    testDb = await createTestDatabase();
    redis = new PrivateRedis(await freePort());
    await redis.start();
    await receiver.start();
    port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    await start();
    await login();
    consumer = startAlertConsumer({
      redisUrl: redis.url,
      handle: async (data, job) => void consumed.push({ jobId: job.id!, data }),
    });
  }, 120_000);

  afterAll(async () => {
    await consumer?.close();
    await app?.stop('SIGTERM');
    await receiver.stop();
    await redis?.stop();
    await testDb?.drop();
  }, 60_000);

  it('validates subscriptions, naming each bad field, and records who changed them', async () => {
    const bad = await api('POST', '/api/subscriptions', {
      name: '',
      rule: { eventTypes: ['Waiver'], countries: ['Iraq'] },
      delivery: {},
    });
    expect(bad.status).toBe(400);
    expect(bad.json.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'delivery',
      'name',
      'rule.countries.0',
      'rule.eventTypes.0',
    ]);
    const internal = await api('POST', '/api/subscriptions', {
      name: 'x',
      rule: { eventTypes: ['WaiverGranted'] },
      delivery: { webhook: { url: 'http://169.254.169.254/latest/meta-data/' } },
    });
    expect(internal.status).toBe(400);
    expect(internal.json.fields).toEqual([
      { field: 'delivery.webhook.url', message: expect.stringMatching(/internal address \(cloud metadata\)/) },
    ]);
    const unauthenticated = await fetch(`${baseUrl}/api/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(unauthenticated.status).toBe(401);
  });

  let waiverAlert: string;
  let secret: string;
  let waiverSubscription: string;

  it('WaiverGranted involving Iraq → the seed → exactly one delivery, signed, explaining the match, on the third attempt after two 500s', async () => {
    const subscription = await subscribe(
      'WaiverGranted involving Iraq',
      { eventTypes: ['WaiverGranted'], countries: ['IRQ'] },
      { queue: true, webhook: { url: receiver.url } },
    );
    waiverSubscription = subscription.id;
    secret = subscription.webhookSecret!;
    expect(secret).toMatch(/^whsec_/);
    expect((await api('GET', `/api/subscriptions/${subscription.id}`)).json).toMatchObject({
      createdBy: ADMIN_EMAIL,
      delivery: { queue: true, webhook: { url: receiver.url } },
    });
    expect(JSON.stringify((await api('GET', '/api/subscriptions')).json)).not.toContain(secret);

    receiver.script = [500, 500];
    await ingest(
      'msg_alert_seed',
      JSON.stringify({
        url: 'https://apnews.com/article/iraq-iran-militias',
        title: 'Iraqi PM demands Iran restrain militias ahead of US talks',
        publishedAt: '2021-04-07',
        outlet: 'AP',
        body: SEED,
      }),
    );
    const [alert] = await until(
      'the alert',
      async () => (await alertsOf(subscription.id)).length > 0 && alertsOf(subscription.id),
      60_000,
      app,
    );
    waiverAlert = alert.alertId;
    const detail = await until('the delivery', async () => {
      const d = (await api('GET', `/api/alerts/${waiverAlert}`)).json;
      return d.deliveries[0]?.state === 'delivered' && d;
    });
    expect(detail.attempts.map((a: any) => [a.attempt, a.status, a.ok])).toEqual([
      [1, 500, false],
      [2, 500, false],
      [3, 200, true],
    ]);
    expect(detail.attempts.every((a: any) => typeof a.latencyMs === 'number' && a.startedAt)).toBe(true);

    const requests = forAlert(waiverAlert);
    expect(new Set(requests.map((r) => r.headers['webhook-id']))).toEqual(new Set([`${waiverAlert}.r1`]));
    const body = new Webhook(secret).verify(
      requests.at(-1)!.body,
      requests.at(-1)!.headers as Record<string, string>,
    ) as any;
    expect(body).toMatchObject({
      schema: 'newsledger.alert/v1',
      kind: 'raised',
      alertId: waiverAlert,
      eventType: 'WaiverGranted',
      sourceCount: 1,
      subscription: { name: 'WaiverGranted involving Iraq' },
    });
    const [event] = body.explanation.events;
    // Saved without modalities, the rule is stored as asserted only, and the explanation says so.
    expect(event.matched.map((m: any) => m.clause)).toEqual(['eventTypes', 'modalities', 'countries']);
    expect(event.matched[1]).toEqual({ clause: 'modalities', expected: ['asserted'], actual: 'asserted' });
    expect(event.matched[2].matched).toEqual(
      expect.arrayContaining([expect.objectContaining({ side: 'target', country: 'IRQ' })]),
    );
    for (const span of event.evidence) expect(SEED.slice(span.start, span.end)).toBe(span.text);
    expect(body.explanation.articles).toEqual([
      expect.objectContaining({ url: 'https://apnews.com/article/iraq-iran-militias', outlet: 'AP' }),
    ]);
  }, 90_000);

  it('a consumer built from examples/alert-consumer.ts receives the job, under the alert id', async () => {
    const job = await until('the consumed job', async () => consumed.find((c) => c.jobId === waiverAlert));
    expect(job.data).toMatchObject({ kind: 'raised', alertId: waiverAlert, webhookId: `${waiverAlert}.r1` });
  });

  it('a second article about the same waiver raises no second alert; the source count is 2', async () => {
    const before = receiver.requests.length;
    await ingest(
      'msg_alert_second',
      JSON.stringify({
        url: 'https://reuters.example/us-extends-iraq-waiver',
        title: 'US extends Iraq waiver',
        publishedAt: '2021-04-07',
        outlet: 'Reuters',
        body: SECOND_WAIVER,
      }),
    );
    const [alert, ...others] = await until(
      'source count 2',
      async () => {
        const alerts = await alertsOf(waiverSubscription);
        return alerts[0]?.sourceCount === 2 && alerts;
      },
      60_000,
      app,
    );
    expect(others).toEqual([]);
    expect(alert).toMatchObject({ alertId: waiverAlert, status: 'active', sourceCount: 2, outletCount: 2 });
    await new Promise((r) => setTimeout(r, 1_000));
    expect(receiver.requests.length).toBe(before);
    expect(consumed.filter((c) => c.data.alertId === waiverAlert)).toHaveLength(1);
  }, 90_000);

  it('a worker killed with SIGKILL while delivering still delivers, with the same webhook-id', async () => {
    const subscription = await subscribe(
      'Talks with Iran',
      { eventTypes: ['TalksStarted'], countries: ['IRN'] },
      { webhook: { url: receiver.url } },
    );
    receiver.script = ['hang'];
    const hung = receiver.requests.length;
    await ingest('msg_alert_talks', talks('kill', '2021-05-12'));
    await until('the hanging request', async () => receiver.requests.length > hung, 60_000, app);
    const [alert] = await alertsOf(subscription.id);
    await app.kill();
    await start();
    await login();
    const detail = await until(
      'delivery after the restart',
      async () => {
        const d = (await api('GET', `/api/alerts/${alert.alertId}`)).json;
        return d.deliveries[0]?.state === 'delivered' && d;
      },
      60_000,
      app,
    );
    const ids = forAlert(alert.alertId).map((r) => r.headers['webhook-id']);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect(new Set(ids)).toEqual(new Set([`${alert.alertId}.r1`]));
    expect(detail.attempts[0]).toMatchObject({ finishedAt: null, error: expect.stringMatching(/stopped/) });
    expect(detail.attempts.at(-1)).toMatchObject({ ok: true, status: 200 });
    expect((await api('DELETE', `/api/subscriptions/${subscription.id}`)).status).toBe(204);
    expect((await api('GET', `/api/subscriptions/${subscription.id}`)).json).toMatchObject({ deletedBy: ADMIN_EMAIL });
  }, 120_000);

  it('a receiver that always fails gets a dead letter; replay delivers once it recovers', async () => {
    const subscription = await subscribe(
      'Any talks',
      { eventTypes: ['TalksStarted'] },
      { webhook: { url: receiver.url } },
    );
    receiver.fallback = 503;
    await ingest('msg_alert_dead', talks('dead', '2021-07-14'));
    const [alert] = await until(
      'the alert',
      async () => (await alertsOf(subscription.id)).length > 0 && alertsOf(subscription.id),
      60_000,
      app,
    );
    const dead = await until(
      'the dead letter',
      async () => {
        const d = (await api('GET', `/api/alerts/${alert.alertId}`)).json;
        return d.deadLetter && d;
      },
      60_000,
      app,
    );
    expect(dead.deadLetter).toMatchObject({ revision: 1, attempts: 3, lastError: 'HTTP 503' });
    receiver.fallback = 200;
    const replay = await api('POST', `/api/alerts/${alert.alertId}/replay`, {});
    expect(replay.status).toBe(202);
    const delivered = await until('the replayed delivery', async () => {
      const d = (await api('GET', `/api/alerts/${alert.alertId}`)).json;
      return d.deliveries[0]?.state === 'delivered' && d;
    });
    expect(delivered.deadLetter).toBeNull();
    expect(delivered.deliveries[0].deadLetters[0]).toMatchObject({ replayedBy: ADMIN_EMAIL });
    expect(delivered.attempts.map((a: any) => a.ok)).toEqual([false, false, false, true]);
    expect((await api('POST', `/api/alerts/${alert.alertId}/replay`, {})).status).toBe(404);
  }, 120_000);

  it('rebuilding the alert projection (and re-running its dispatcher) repeats no delivery and no job', async () => {
    const requests = receiver.requests.length;
    const jobs = consumed.length;
    const before = await testDb.db
      .selectFrom('alerts')
      .select(['alert_id', 'source_count', 'status'])
      .where('recorded_to', 'is', null)
      .orderBy('alert_id')
      .execute();
    await app.stop('SIGTERM');
    await testDb.db.deleteFrom('alerts').execute();
    await testDb.db
      .deleteFrom('consumer_checkpoints')
      .where('consumer', 'in', ['alerts.projection', 'alerts.dispatcher'])
      .execute();
    await start();
    await login();
    await until(
      'the rebuilt alerts',
      async () => {
        const rows = await testDb.db
          .selectFrom('alerts')
          .select(['alert_id', 'source_count', 'status'])
          .where('recorded_to', 'is', null)
          .orderBy('alert_id')
          .execute();
        return JSON.stringify(rows) === JSON.stringify(before);
      },
      60_000,
      app,
    );
    await new Promise((r) => setTimeout(r, 2_000));
    expect(receiver.requests.length).toBe(requests);
    expect(consumed.length).toBe(jobs);
  }, 120_000);
});
