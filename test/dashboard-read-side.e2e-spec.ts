import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { type TestDatabase, createTestDatabase } from '#db/testing/test-database';
import { createSubscription } from '#alerts';
import { EventStore } from '#event-store';
import { markSeedCoded, seedEvents } from '../scripts/seed/seed-store.js';
import { type AdminSession, loginAsAdmin } from './support/admin-session.js';
import { type LaunchedBrowser, launchChromium } from './support/browser.js';
import type { RunningApp } from './support/compiled-app.js';
import { type Standalone, startStandalone } from './support/standalone.js';

const SCREENSHOTS = resolve(import.meta.dirname, '../artifacts/screenshots');
const ADMIN_EMAIL = 'analyst@newsledger.example';
const ADMIN_PASSWORD = 'read side e2e password';
const SEEDED = 1_200;
const RULE = 'Attacks and threats involving Iraq';

/**
 * The dashboard as an analyst lives in it, in real Chromium against the
 * compiled app on PostgreSQL and Redis, over a seeded log with events of every
 * modality: labels and the show/hide switch, the map and its filter, paging to
 * the last row, actor search by name and alias, an alert explained on its page,
 * and a waiting queue explained.
 */
describe('dashboard read side (browser, end to end)', () => {
  let testDb: TestDatabase;
  let app: RunningApp;
  let stack: Standalone | undefined;
  let baseUrl: string;
  let admin: AdminSession;
  let chromium: LaunchedBrowser;
  let page: Page;
  const pageErrors: string[] = [];

  const api = async <T>(path: string): Promise<T> => {
    const answer = await admin.call('GET', path);
    if (answer.status !== 200) throw new Error(`GET ${path} → ${answer.status}: ${JSON.stringify(answer.json)}`);
    return answer.json as T;
  };
  const open = (path: string) => page.goto(`${baseUrl}/admin${path}`);
  const shot = (name: string) => page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`) });
  /** Waits until an attribute of the first match passes the check. */
  const untilAttribute = async (selector: string, name: string, check: (value: string | null) => boolean) => {
    for (const deadline = Date.now() + 20_000; ;) {
      if (check(await page.locator(selector).first().getAttribute(name))) return;
      if (Date.now() > deadline) throw new Error(`${selector} [${name}] never passed the check`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const setSwitch = async (on: boolean) => {
    const box = page.locator('[data-testid=modality-switch]');
    if ((await box.isChecked()) !== on) await box.click();
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    testDb = await createTestDatabase();
    // A rule saved without modalities: asserted only, stored explicitly. Nobody consumes the alerts queue.
    const { subscription } = await createSubscription(
      testDb.db,
      new EventStore(testDb.db),
      {
        name: RULE,
        rule: { eventTypes: ['AttackCarriedOut', 'ThreatIssued'], countries: ['IRQ'], modalities: ['asserted'] },
        delivery: { queue: true },
      },
      ADMIN_EMAIL,
    );
    expect(subscription.rule.modalities).toEqual(['asserted']);
    // Seeded before the app starts: the articles arrive coded (the worker is not asked to code them again).
    await seedEvents(testDb.db, { events: SEEDED, prefix: 'rs', batch: 100 });
    await markSeedCoded(testDb.db);
    stack = await startStandalone({ ADMIN_EMAIL, ADMIN_PASSWORD }, { testDb });
    ({ testDb, app, baseUrl } = stack);
    admin = await loginAsAdmin(baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    // Through the API, a rule without modalities is stored as asserted only.
    const viaApi = await admin.call('POST', '/api/subscriptions', {
      name: 'Waivers',
      rule: { eventTypes: ['WaiverGranted'] },
      delivery: { queue: true },
    });
    expect([viaApi.status, viaApi.json.rule.modalities]).toEqual([201, ['asserted']]);
    for (const deadline = Date.now() + 120_000; ;) {
      const all = await api<{ total: number }>('/api/events?modality=all&status=all&limit=1');
      const consumers = await api<{ consumers: { consumer: string; lagEvents: number }[] }>(
        '/api/operations/consumers',
      );
      if (all.total === SEEDED && consumers.consumers.every((c) => c.lagEvents === 0)) break;
      if (Date.now() > deadline)
        throw new Error(`the read models did not catch up: ${all.total} events\n${app.output().slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    chromium = await launchChromium();
    page = await chromium.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await open('/');
    await page.fill('input[name=email]', ADMIN_EMAIL);
    await page.fill('input[name=password]', ADMIN_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=overview-page]');
  }, 240_000);

  afterAll(async () => {
    await chromium?.close();
    await stack?.stop();
  }, 60_000);

  it('labels what did not happen, and shows or hides it everywhere with one switch', async () => {
    await open('/timeline');
    await page.waitForSelector('[data-testid=timeline-row]');
    const modalities = () =>
      page
        .locator('[data-testid=timeline-row]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-modality')));
    expect(new Set(await modalities())).toEqual(new Set(['asserted']));
    const asserted = await api<{ total: number }>('/api/timeline?limit=1');
    expect(Number(await page.locator('[data-testid=pager]').first().getAttribute('data-total'))).toBe(asserted.total);

    await setSwitch(true);
    await untilAttribute('[data-testid=pager]', 'data-total', (v) => v !== String(asserted.total));
    expect(Number(await page.locator('[data-testid=pager]').first().getAttribute('data-total'))).toBe(
      (await api<{ total: number }>('/api/timeline?modality=all&limit=1')).total,
    );
    await page.click('[data-testid=pager-last]');
    await untilAttribute('[data-testid=pager]', 'data-offset', (v) => v !== '0');
    await page.waitForSelector(
      '[data-testid=timeline-row][data-modality=negated], [data-testid=timeline-row][data-modality=hypothetical], [data-testid=timeline-row][data-modality=future]',
    );
    // Each row of an event that did not happen carries its label and its own style.
    // One row, by its event id: the list refreshes while we look, so "the first such row" may move.
    const otherId = await page
      .locator('[data-testid=timeline-row]:not([data-modality=asserted])')
      .first()
      .getAttribute('data-event-id');
    const other = page.locator(`[data-testid=timeline-row][data-event-id="${otherId}"]`);
    const modality = (await other.getAttribute('data-modality'))!;
    expect(await other.locator('[data-testid=modality-badge]').getAttribute('data-modality')).toBe(modality);
    expect(await other.getAttribute('class')).toContain('not-asserted');
    await shot('dashboard-timeline-modality');

    // The article of a negated event: hidden (with a notice) until the switch shows it, labelled.
    const negated = (
      await api<{ items: { articleId: string; eventId: string }[] }>('/api/events?modality=negated&limit=1')
    ).items[0]!;
    await setSwitch(false);
    await open(`/articles/${negated.articleId}`);
    await page.waitForSelector('[data-testid=hidden-modalities]');
    expect(await page.locator(`[data-testid=event-card][data-event-id="${negated.eventId}"]`).count()).toBe(0);
    await page.click('[data-testid=hidden-modalities] button');
    const card = page.locator(`[data-testid=event-card][data-event-id="${negated.eventId}"]`);
    await card.waitFor();
    expect(await card.getAttribute('data-modality')).toBe('negated');
    expect(await card.locator('[data-testid=modality-badge]').textContent()).toBe('did not happen');
    expect(
      await page.locator(`[data-testid=article-text] mark.not-asserted[data-event-ids~="${negated.eventId}"]`).count(),
    ).toBe(1);
    expect(await page.locator('[data-testid=modality-switch]').isChecked()).toBe(true);
    await setSwitch(false);
    await page.waitForSelector(`[data-testid=event-card][data-event-id="${negated.eventId}"]`, { state: 'detached' });
  }, 60_000);

  it('draws the events on a world map, and filters it like the timeline', async () => {
    await open('/map');
    await setSwitch(false); // what happened only, whatever an earlier test left
    await page.waitForSelector('[data-testid=world-map] circle.place');
    const summary = page.locator('[data-testid=map-summary]');
    const located = (await api<{ located: number }>('/api/map')).located;
    await untilAttribute('[data-testid=map-summary]', 'data-located', (v) => v === String(located));
    const everywhere = Number(await summary.getAttribute('data-located'));
    expect(everywhere).toBe(located);
    expect(await page.locator('[data-testid=world-map] path.country').count()).toBeGreaterThan(150);
    expect(
      Number(await page.locator('[data-testid=world-map] path.country[data-country=IRQ]').getAttribute('data-events')),
    ).toBeGreaterThan(0);
    await shot('dashboard-map');
    // Clicking a country filters by it.
    await page.click('[data-testid=world-map] path.country[data-country=IRN]', { force: true });
    await page.waitForURL(/country=IRN/);
    await open('/map');
    await page.waitForSelector('[data-testid=world-map] circle.place');

    await page.fill('[data-testid=event-filters] input[name=country]', 'IRQ');
    await page.selectOption('[data-testid=event-filters] select[name=type]', 'AttackCarriedOut');
    await page.click('[data-testid=event-filters] button[type=submit]');
    await untilAttribute('[data-testid=map-summary]', 'data-located', (v) => v !== String(everywhere));
    const filtered = Number(await summary.getAttribute('data-located'));
    expect(filtered).toBe((await api<{ located: number }>('/api/map?country=IRQ&type=AttackCarriedOut')).located);
    expect(filtered).toBeLessThan(everywhere);
    expect(page.url()).toContain('country=IRQ');
  }, 60_000);

  it('pages every list to its last row, with the total', async () => {
    await open('/articles');
    await setSwitch(false);
    await page.waitForSelector('[data-testid=article-row]');
    const pager = page.locator('[data-testid=pager]').first();
    const total = Number(await pager.getAttribute('data-total'));
    expect(total).toBe(Math.ceil(SEEDED / 4));
    await pager.locator('[data-testid=pager-last]').click();
    await untilAttribute('[data-testid=pager]', 'data-offset', (v) => v !== '0');
    const offset = Number(await pager.getAttribute('data-offset'));
    expect(await page.locator('[data-testid=article-row]').count()).toBe(total - offset);
    expect(await pager.locator('[data-testid=pager-next]').isDisabled()).toBe(true);
    expect(await pager.locator('[data-testid=pager-range]').textContent()).toBe(
      `${offset + 1}–${total} of ${total} articles`,
    );
    // The last rows are the oldest articles: the first batch seeded (rs-0000000 … rs-0000099).
    expect(await page.locator('[data-testid=article-row]').last().getAttribute('data-article-id')).toMatch(
      /^rs-00000\d\d$/,
    );
    await pager.locator('[data-testid=pager-prev]').click();
    await untilAttribute('[data-testid=pager]', 'data-offset', (v) => v === String(offset - 25));

    await open('/incidents');
    await page.waitForSelector('[data-testid=incident]');
    const incidents = page.locator('[data-testid=pager]').first();
    const incidentTotal = (await api<{ total: number }>('/api/incidents?limit=1')).total;
    await untilAttribute('[data-testid=pager]', 'data-total', (v) => v === String(incidentTotal));
    expect(Number(await incidents.getAttribute('data-total'))).toBe(incidentTotal);
    await incidents.locator('[data-testid=pager-last]').click();
    await untilAttribute('[data-testid=pager]', 'data-offset', (v) => v !== '0');
    expect(await incidents.locator('[data-testid=pager-next]').isDisabled()).toBe(true);
  }, 60_000);

  it("finds an actor by name, and by one of the dictionary's aliases", async () => {
    await open('/actors');
    await page.fill('input[name=actor-q]', 'prime minister');
    await page.click('form[role=search] button[type=submit]');
    await page.waitForSelector('[data-testid=actor-match]');
    const ids = await page
      .locator('[data-testid=actor-match]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-actor-id')));
    expect(ids.length).toBeGreaterThan(1);
    expect(ids.every((id) => id!.includes('prime-minister'))).toBe(true);

    // "Iraqi" is no word of "Iraq": the coder's dictionary knows it as Iraq's demonym.
    await page.fill('input[name=actor-q]', 'Iraqi');
    await page.click('form[role=search] button[type=submit]');
    const iraq = page.locator('[data-testid=actor-match][data-actor-id=iraq]');
    await iraq.waitFor();
    expect(await iraq.textContent()).toContain('known as');
    await shot('dashboard-actor-search');
    await iraq.locator('a').first().click();
    await page.waitForSelector('[data-testid=actor-name]:has-text("Iraq")');
    await page.waitForSelector('[data-testid=actor-events] li');
  }, 60_000);

  it('explains an alert on its own page, in words, and raises none for what did not happen', async () => {
    const alerts = await api<{
      total: number;
      items: { alertId: string; explanation: { events: { modality: string }[] } }[];
    }>('/api/alerts?limit=500');
    expect(alerts.total).toBeGreaterThan(0);
    expect(alerts.items.flatMap((a) => a.explanation.events.map((e) => e.modality))).toEqual(
      expect.arrayContaining(['asserted']),
    );
    expect(new Set(alerts.items.flatMap((a) => a.explanation.events.map((e) => e.modality)))).toEqual(
      new Set(['asserted']),
    );

    await open('/alerts');
    await page.waitForSelector('[data-testid=subscription-row] [data-testid=rule-sentence]');
    expect(await page.textContent('[data-testid=rule-sentence]')).toBe(
      'AttackCarriedOut or ThreatIssued events involving IRQ on either side, that happened, from the first report.',
    );
    await page.locator('[data-testid=alert-row] [data-testid=alert-link]').first().click();
    await page.waitForSelector('[data-testid=alert-detail]');
    expect(page.url()).toMatch(/\/admin\/alerts\/[0-9a-f-]{36}$/);
    expect(await page.textContent('[data-testid=alert-rule]')).toContain('that happened, from the first report');
    const clauses = await page.locator('[data-testid=explained-event] ul.clauses li').allTextContents();
    expect(clauses).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^its type, (AttackCarriedOut|ThreatIssued), is one of/),
        'it happened (asserted)',
        expect.stringMatching(/\(IRQ\) is the (actor|target)/),
      ]),
    );
    expect(await page.locator('[data-testid=alert-detail] code').filter({ hasText: '{' }).count()).toBe(0);
    await shot('dashboard-alert');
    // Its links go to pages that exist.
    const incident = page.locator('[data-testid=alert-detail] a[href*="/incidents/"]').first();
    await incident.click();
    await page.waitForSelector('[data-testid=incident-detail]');
  }, 60_000);

  it('documents every answer with a schema, every mutation body with examples, and who may call each route', async () => {
    const document = (await (await fetch(`${baseUrl}/docs/openapi.json`)).json()) as {
      paths: Record<
        string,
        Record<
          string,
          {
            responses: Record<string, { content?: Record<string, { schema?: object }> }>;
            requestBody?: { content: Record<string, { schema?: object; examples?: object }> };
            security?: object[];
            'x-admin'?: boolean;
          }
        >
      >;
      components: { securitySchemes: Record<string, { type: string; in?: string; name?: string; scheme?: string }> };
    };
    const missing: string[] = [];
    const bodies: string[] = [];
    let responses = 0;
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          responses++;
          if (status !== '204' && !Object.values(response.content ?? {}).some((c) => c.schema))
            missing.push(`${method.toUpperCase()} ${path} ${status}`);
        }
        const body = operation.requestBody?.content['application/json'];
        if (
          ['post', 'put', 'patch'].includes(method) &&
          path.startsWith('/api/') &&
          path !== '/api/auth/logout' &&
          !(body?.schema && body.examples)
        )
          bodies.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(responses).toBeGreaterThan(80);
    expect(missing).toEqual([]);
    expect(bodies).toEqual([]);
    expect(document.components.securitySchemes).toEqual({
      session: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'nl_session' }),
      csrf: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'x-csrf-token' }),
      bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    });
    expect(document.paths['/api/events/{eventId}/retract']!.post!.security).toEqual([{ session: [], csrf: [] }]);
    expect(document.paths['/api/events/{eventId}/retract']!.post!['x-admin']).toBe(true);
    expect(document.paths['/api/alerts']!.get!.security).toEqual([{ session: [] }]);
    expect(document.paths['/api/events']!.get!.security).toEqual([{}, { bearer: [] }]);
    expect(document.paths['/api/auth/login']!.post!.security).toEqual([]);
  });

  it('says why jobs wait: no consumer attached to the alerts queue', async () => {
    await open('/');
    const note = page.locator('[data-testid=queue-notes] li[data-queue=alerts]');
    await note.waitFor();
    expect(await note.textContent()).toMatch(
      /alerts: no consumer attached: \d+ job\(s\) wait until a downstream consumer reads the alerts queue/,
    );
    await page.waitForSelector('[data-testid=modality-counts]');
    expect(await page.textContent('[data-testid=modality-counts]')).toMatch(
      /\d+ future · \d+ hypothetical · \d+ negated not counted/,
    );
    expect(pageErrors).toEqual([]);
  }, 30_000);
});
