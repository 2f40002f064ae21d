import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { alertIdOf, alertJobIdOf, webhookIdOf, webhookJobIdOf } from '../contract/alert-ids.js';
import { webhookBackoff } from './backoff.js';
import { deliverySettings } from './delivery-settings.js';
import { OPEN_INTERNET_ONLY, OutboundClient, parseAllowlist } from '#outbound';
import { postWebhook } from './post-webhook.js';
import { signedWebhookHeaders } from './signing.js';

const SECRET = 'whsec_' + Buffer.from('a-test-secret-of-enough-bytes').toString('base64');

describe('alert ids', () => {
  it('are deterministic per (subscription, incident) and UUIDs', () => {
    const id = alertIdOf('sub-1', 'inc-1');
    expect(id).toBe(alertIdOf('sub-1', 'inc-1'));
    expect(id).not.toBe(alertIdOf('sub-1', 'inc-2'));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(alertJobIdOf(id, 1)).toBe(id);
    expect(alertJobIdOf(id, 2)).toBe(`${id}.r2`);
    expect(webhookIdOf(id, 1)).toBe(`${id}.r1`);
    expect(webhookJobIdOf(id, 1)).not.toContain(':');
    expect(webhookJobIdOf(id, 1, 2)).toBe(`wh.${id}.r1.replay2`);
  });
});

describe('webhookBackoff', () => {
  const settings = { baseMs: 1_000, maxMs: 60_000 };
  it('doubles per attempt, with jitter in the upper half, capped', () => {
    expect(webhookBackoff(1, settings, () => 0)).toBe(500);
    expect(webhookBackoff(1, settings, () => 1)).toBe(1_000);
    expect(webhookBackoff(3, settings, () => 0)).toBe(2_000);
    expect(webhookBackoff(3, settings, () => 0.999)).toBeLessThanOrEqual(4_000);
    expect(webhookBackoff(30, settings, () => 1)).toBe(60_000);
  });
  it('spreads retries of receivers that failed together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => webhookBackoff(4, settings)));
    expect(delays.size).toBeGreaterThan(10);
  });
});

describe('signing', () => {
  it('verifies with the standardwebhooks package', () => {
    const body = JSON.stringify({ hello: 'world' });
    const headers = signedWebhookHeaders(SECRET, 'alert-1.r1', body);
    expect(new Webhook(SECRET).verify(body, headers)).toEqual({ hello: 'world' });
    expect(() =>
      new Webhook('whsec_' + Buffer.from('another-secret-of-enough-bytes').toString('base64')).verify(body, headers),
    ).toThrow();
  });
});

describe('deliverySettings', () => {
  it('has defaults and refuses nonsense', () => {
    expect(deliverySettings({})).toMatchObject({ attempts: 8, timeoutMs: 10_000 });
    expect(deliverySettings({ ALERT_WEBHOOK_ATTEMPTS: '3' }).attempts).toBe(3);
    // docker-compose passes unset variables through as empty strings: they keep the defaults.
    expect(deliverySettings({ ALERT_WEBHOOK_ATTEMPTS: '', ALERT_WEBHOOK_CONCURRENCY: '' })).toMatchObject({
      attempts: 8,
      concurrency: 16,
    });
    expect(() => deliverySettings({ ALERT_WEBHOOK_ATTEMPTS: '0' })).toThrow(/ALERT_WEBHOOK_ATTEMPTS/);
  });
});

describe('postWebhook', () => {
  // The receiver is on loopback: allowed here as ALLOWED_INTERNAL_HOSTS would allow it.
  const loopback = new OutboundClient(parseAllowlist('127.0.0.1'));
  let status = 204;
  let delayMs = 0;
  const received: { headers: Record<string, string>; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ headers: req.headers as Record<string, string>, body });
      setTimeout(() => res.writeHead(status).end(), delayMs);
    });
  });
  let url: string;
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('posts a signed body and reports status and latency', async () => {
    const outcome = await postWebhook(url, SECRET, 'a.r1', '{"x":1}', 2_000, loopback);
    expect(outcome).toMatchObject({ ok: true, status: 204, error: null });
    expect(new Webhook(SECRET).verify(received.at(-1)!.body, received.at(-1)!.headers)).toEqual({ x: 1 });
    expect(received.at(-1)!.headers['webhook-id']).toBe('a.r1');
  });

  it('tells retryable failures from permanent ones', async () => {
    status = 500;
    expect(await postWebhook(url, SECRET, 'a.r1', '{}', 2_000, loopback)).toMatchObject({
      ok: false,
      status: 500,
      error: 'HTTP 500',
      permanent: false,
    });
    status = 410;
    expect(await postWebhook(url, SECRET, 'a.r1', '{}', 2_000, loopback)).toMatchObject({ ok: false, permanent: true });
    status = 429;
    expect(await postWebhook(url, SECRET, 'a.r1', '{}', 2_000, loopback)).toMatchObject({
      ok: false,
      permanent: false,
    });
  });

  it('gives up after the timeout, and reports an unreachable receiver', async () => {
    status = 200;
    // The receiver answers after 3 s; giving up well before that is the timeout at work (the margin is wide
    // because a busy shared machine can add hundreds of ms to a 100 ms timer).
    delayMs = 3_000;
    const outcome = await postWebhook(url, SECRET, 'a.r1', '{}', 100, loopback);
    expect(outcome).toMatchObject({ ok: false, status: null, error: 'timeout after 100 ms' });
    expect(outcome.latencyMs).toBeLessThan(2_000);
    delayMs = 0;
    const refused = await postWebhook('http://127.0.0.1:1/nothing', SECRET, 'a.r1', '{}', 1_000, loopback);
    expect(refused).toMatchObject({ ok: false, status: null });
    expect(refused.error).toMatch(/ECONNREFUSED|fetch failed/);
  });

  it('refuses an internal receiver the allowlist does not name, for good, without sending anything', async () => {
    const before = received.length;
    const closed = new OutboundClient(OPEN_INTERNET_ONLY);
    const outcome = await postWebhook(url, SECRET, 'a.r1', '{}', 1_000, closed);
    expect(outcome).toMatchObject({
      ok: false,
      status: null,
      permanent: true,
      error: expect.stringMatching(/^refused: 127\.0\.0\.1 is an internal address \(loopback\)/),
    });
    const metadata = await postWebhook('http://169.254.169.254/latest/meta-data/', SECRET, 'a.r1', '{}', 1_000, closed);
    expect(metadata.error).toMatch(/cloud metadata/);
    expect(received.length).toBe(before);
    await closed.close();
  });
});
