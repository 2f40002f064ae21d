import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { type LaunchedBrowser, launchChromium } from './support/browser.js';
import type { RunningApp } from './support/compiled-app.js';
import { type Standalone, startStandalone } from './support/standalone.js';
import { deliver } from './support/signed-delivery.js';

const SEED = readFileSync(
  resolve(import.meta.dirname, '../../shared/corpus/dev/ap-2021-04-07-kadhimi-letter.txt'),
  'utf8',
);
const SCREENSHOTS = resolve(import.meta.dirname, '../artifacts/screenshots');
const ADMIN_EMAIL = 'desk@newsledger.example';
const ADMIN_PASSWORD = 'dashboard e2e password';
const DESIGN_CARD = ['TalksStarted', 'LetterSent', 'VisitMade', 'WaiverGranted'];

/**
 * The admin dashboard in a real browser (Debian's Chromium through
 * playwright-core) against the compiled app (api + worker in one process) on
 * a real PostgreSQL and Redis: log in, watch an ingested article's evidence
 * highlighted, retract, subscribe, and check that hostile text stays text.
 */
describe('admin dashboard (browser, end to end)', () => {
  let app: RunningApp;
  let stack: Standalone | undefined;
  let baseUrl: string;
  let chromium: LaunchedBrowser;
  let page: Page;
  let seedArticleId: string;
  const pageErrors: string[] = [];
  const dialogs: string[] = [];

  const shot = (name: string) => page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`), fullPage: false });
  const open = async (path: string) => {
    await page.goto(`${baseUrl}/admin${path}`);
  };
  const waitUntilCoded = async (articleId: string, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const response = await fetch(`${baseUrl}/api/articles/${articleId}`);
      if (response.ok && ((await response.json()) as { status: string }).status === 'coded') return;
      if (Date.now() > deadline)
        throw new Error(`article ${articleId} was not coded in ${timeoutMs} ms:\n${app.output().slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    stack = await startStandalone({ ADMIN_EMAIL, ADMIN_PASSWORD });
    ({ app, baseUrl } = stack);
    chromium = await launchChromium();
    page = await chromium.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      // Only the dashboard's own confirm() is expected; anything else is a failure recorded above.
      void (dialog.type() === 'confirm' ? dialog.accept() : dialog.dismiss());
    });
  }, 120_000);

  afterAll(async () => {
    await chromium?.close();
    await stack?.stop();
  }, 60_000);

  it('answers 401 on every admin route without a session, and changes nothing', async () => {
    const uuid = randomUUID();
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/auth/me'],
      ['GET', '/api/operations/consumers'],
      ['GET', '/api/operations/queues'],
      ['GET', '/api/operations/stats'],
      ['GET', '/api/operations/catalog'],
      ['GET', '/api/subscriptions'],
      ['GET', `/api/subscriptions/${uuid}`],
      ['GET', '/api/alerts'],
      ['GET', `/api/alerts/${uuid}`],
      ['GET', '/admin/queues'],
      ['GET', '/admin/queues/api/queues'],
      ['PUT', '/admin/queues/api/queues/coding/pause'],
      ['POST', `/api/events/${uuid}/retract`, { reason: 'no session' }],
      ['POST', `/api/events/${uuid}/correct`, { reason: 'no session', changes: { modality: 'negated' } }],
      ['POST', `/api/articles/${uuid}/recode`, {}],
      ['POST', '/api/subscriptions', { name: 'x', rule: { eventTypes: ['WaiverGranted'] }, delivery: { queue: true } }],
      [
        'PUT',
        `/api/subscriptions/${uuid}`,
        { name: 'x', rule: { eventTypes: ['WaiverGranted'] }, delivery: { queue: true } },
      ],
      ['DELETE', `/api/subscriptions/${uuid}`],
      ['POST', `/api/alerts/${uuid}/replay`, {}],
      ['POST', '/api/feeds', { url: 'http://127.0.0.1:9/feed.xml', outlet: 'x' }],
      ['DELETE', `/api/feeds/${uuid}`],
      [
        'POST',
        '/api/incidents/merge',
        { incidentIds: [`inc-${uuid}`, `inc-${randomUUID()}`], into: `inc-${uuid}`, reason: 'no session' },
      ],
      ['POST', `/api/incidents/inc-${uuid}/split`, { eventIds: [uuid], reason: 'no session' }],
    ];
    const answers = await Promise.all(
      routes.map(async ([method, path, body]) => {
        const response = await fetch(`${baseUrl}${path}`, {
          method,
          headers: body === undefined ? {} : { 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        await response.arrayBuffer();
        return `${method} ${path} → ${response.status}`;
      }),
    );
    expect(answers).toEqual(routes.map(([method, path]) => `${method} ${path} → 401`));
    // Feeds carry who registered them and the publishers' error texts: admins only.
    expect((await fetch(`${baseUrl}/api/feeds`)).status).toBe(401);
    // The page itself is public (it shows the login); /admin/* client routes get the same page.
    for (const path of ['/admin', '/admin/', '/admin/articles/whatever']) {
      const response = await fetch(`${baseUrl}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await response.text()).toContain('<div id="root">');
    }
  });

  it('logs in', async () => {
    await open('/');
    await page.waitForSelector('form[aria-label="log in"]');
    await shot('login');
    await page.fill('input[name=email]', ADMIN_EMAIL);
    await page.fill('input[name=password]', 'not the password');
    await page.click('button[type=submit]');
    await page.waitForSelector('text=Wrong email or password.');
    await page.fill('input[name=password]', ADMIN_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=overview-page]');
    expect(await page.textContent('[data-testid=session-email]')).toBe(ADMIN_EMAIL);
  }, 30_000);

  it('creates a subscription with the rule builder, refusing an invalid one before saving', async () => {
    await open('/alerts');
    await page.click('[data-testid=new-subscription]');
    await page.waitForSelector('[data-testid=subscription-form] input[name=eventType]');
    // Invalid: no name, a bad country code: nothing is sent.
    await page.fill('[data-testid=subscription-form] input[name=countries]', 'Iraq');
    await page.click('[data-testid=save-subscription]');
    await page.waitForSelector('text=give the subscription a name');
    await page.waitForSelector('text=IRAQ is not an ISO alpha-3 code');
    expect(await page.locator('[data-testid=subscription-row]').count()).toBe(0);

    await page.fill('[data-testid=subscription-form] input[name=name]', 'WaiverGranted involving Iraq');
    await page.fill('[data-testid=subscription-form] input[name=countries]', 'IRQ');
    await page.check('[data-testid=subscription-form] input[name=eventType][value=WaiverGranted]');
    await page.click('[data-testid=save-subscription]');
    await page.waitForSelector('[data-testid=subscription-row]:has-text("WaiverGranted involving Iraq")');
  }, 30_000);

  it('ingests the seed through the signed webhook and shows the design-card events highlighted in its text', async () => {
    const response = await deliver(baseUrl, {
      id: 'msg_dashboard_seed',
      body: JSON.stringify({
        url: 'https://apnews.com/article/iraq-iran-militias',
        title: 'Iraqi PM demands Iran restrain militias ahead of US talks',
        publishedAt: '2021-04-07',
        outlet: 'AP',
        body: SEED,
      }),
    });
    expect(response.status).toBe(202);
    seedArticleId = response.json.articleId;
    await waitUntilCoded(seedArticleId);

    await open('/articles');
    await page.waitForSelector(`[data-testid=article-row][data-article-id="${seedArticleId}"]`);
    await page.fill('input[name=q]', 'militias');
    await page.click('button:has-text("Search")');
    await page.waitForSelector(`[data-testid=article-row][data-article-id="${seedArticleId}"]`);
    await shot('articles');
    await page.click(`[data-testid=article-row][data-article-id="${seedArticleId}"] a`);
    await page.waitForSelector('[data-testid=article-text] mark');
    for (const type of DESIGN_CARD) {
      const marks = page.locator(`[data-testid=article-text] mark[data-event-types~="${type}"]`);
      expect(await marks.count()).toBeGreaterThan(0);
      expect(await page.locator(`[data-testid=event-card][data-event-type="${type}"]`).count()).toBeGreaterThan(0);
    }
    // The text is the article's, character for character: highlighting only wraps it.
    const stored = (await (await fetch(`${baseUrl}/api/articles/${seedArticleId}`)).json()) as { text: string };
    expect(await page.textContent('[data-testid=article-text]')).toBe(stored.text);
    await shot('article');
  }, 90_000);

  it('shows the alert that the subscription raised', async () => {
    await open('/alerts');
    await page.waitForSelector('[data-testid=alert-row]:has-text("WaiverGranted involving Iraq")', { timeout: 30_000 });
    await page.click('[data-testid=alert-row] [data-testid=alert-link]');
    await page.waitForSelector('[data-testid=alert-detail]');
    expect(await page.textContent('[data-testid=alert-detail]')).toContain('WaiverGranted');
    expect(await page.textContent('[data-testid=alert-rule]')).toContain(
      'WaiverGranted events involving IRQ on either side, that happened',
    );
    await shot('alerts');
  }, 45_000);

  it('retracts an event from the article page, and the timeline changes', async () => {
    const letter = page.locator('[data-testid=event-card][data-event-type="LetterSent"][data-status="active"]').first();
    await open(`/articles/${seedArticleId}`);
    await page.waitForSelector('[data-testid=event-card][data-event-type="LetterSent"]');
    const eventId = (await letter.getAttribute('data-event-id'))!;

    await open('/timeline');
    await page.waitForSelector(`[data-testid=timeline-row][data-event-id="${eventId}"]`);
    const before = await page.locator('[data-testid=timeline-row]').count();
    await shot('timeline');

    await open(`/articles/${seedArticleId}`);
    const card = page.locator(`[data-testid=event-card][data-event-id="${eventId}"]`);
    await card.locator('[data-testid=retract]').click();
    await card.locator('input[name=reason]').fill('the letter was not sent; a denial');
    await card.locator('[data-testid=confirm-retract]').click();
    await page.waitForSelector(`[data-testid=event-card][data-event-id="${eventId}"][data-status="retracted"]`, {
      timeout: 30_000,
    });
    expect(await page.locator(`[data-testid=article-text] mark[data-event-ids~="${eventId}"]`).count()).toBe(0);
    expect(await card.textContent()).toContain(`retraction by ${ADMIN_EMAIL}`);

    await open('/timeline');
    await page.waitForSelector('[data-testid=timeline-row]');
    expect(await page.locator(`[data-testid=timeline-row][data-event-id="${eventId}"]`).count()).toBe(0);
    expect(await page.locator('[data-testid=timeline-row]').count()).toBe(before - 1);
    // Asking for retracted events shows it again, marked as such.
    await open('/timeline?status=retracted');
    await page.waitForSelector(`[data-testid=timeline-row][data-event-id="${eventId}"]`);
  }, 60_000);

  it('renders hostile article text and titles as text, never as HTML', async () => {
    const title = 'Breaking <img src=x onerror="window.__pwned=1;alert(1)"> news';
    const body =
      'Iraq and Iran held talks in Baghdad on Monday. <script>window.__pwned=2;alert(2)</script> ' +
      'Officials said <img src=x onerror="window.__pwned=3;alert(3)"> nothing more.';
    const response = await deliver(baseUrl, {
      id: 'msg_dashboard_hostile',
      body: JSON.stringify({
        url: 'https://news.example.org/hostile',
        title,
        publishedAt: '2021-04-08',
        outlet: 'Example <b>Outlet</b>',
        body,
      }),
    });
    expect(response.status).toBe(202);
    const articleId = response.json.articleId as string;
    await waitUntilCoded(articleId);

    await open('/articles');
    await page.waitForSelector(`[data-testid=article-row][data-article-id="${articleId}"]`);
    expect(await page.textContent(`[data-testid=article-row][data-article-id="${articleId}"]`)).toContain(title);
    await open(`/articles/${articleId}`);
    await page.waitForSelector('[data-testid=article-text]');
    expect(await page.textContent('[data-testid=article-title]')).toBe(title);
    const text = await page.textContent('[data-testid=article-text]');
    expect(text).toContain('<script>window.__pwned=2;alert(2)</script>');
    expect(text).toContain('<img src=x onerror="window.__pwned=3;alert(3)">');
    expect(
      await page
        .locator('[data-testid=article-page] img, [data-testid=article-page] script, [data-testid=article-page] b')
        .count(),
    ).toBe(0);
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs.filter((d) => d.startsWith('alert'))).toEqual([]);
  }, 60_000);

  it('labels an article in a language the coder does not read, and filters by that status', async () => {
    const body =
      "L'Irak et l'Iran ont entamé mardi à Bagdad un nouveau cycle de négociations sur la sécurité des frontières, " +
      'ont indiqué deux responsables irakiens, sans donner de date pour la prochaine réunion.';
    const response = await deliver(baseUrl, {
      id: 'msg_dashboard_french',
      body: JSON.stringify({
        url: 'https://news.example.org/fr',
        title: "L'Irak et l'Iran reprennent les négociations",
        publishedAt: '2021-04-08',
        outlet: 'Exemple',
        body,
      }),
    });
    expect(response.status).toBe(202);
    const articleId = response.json.articleId as string;
    for (const deadline = Date.now() + 60_000; ;) {
      const article = (await (await fetch(`${baseUrl}/api/articles/${articleId}`)).json()) as { status: string };
      if (article.status === 'unsupported-language') break;
      if (Date.now() > deadline) throw new Error(`article is ${article.status}:\n${app.output().slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    await open('/articles?status=unsupported-language');
    const row = `[data-testid=article-row][data-article-id="${articleId}"]`;
    await page.waitForSelector(row);
    expect(await page.locator('[data-testid=article-row]').count()).toBe(1);
    expect(await page.textContent(`${row} [data-testid=article-status]`)).toBe('unsupported language (fr)');
    await open(`/articles/${articleId}`);
    await page.waitForSelector('[data-testid=article-text]');
    const label = await page.textContent('[data-testid=article-page] [data-testid=article-status]');
    expect(label).toBe('unsupported language (fr)');
    const pageText = await page.textContent('[data-testid=article-page]');
    expect(pageText).toContain('No coded events: the coder reads English only, and this article is in fr.');
  }, 90_000);

  it('merges two incidents and splits one event out again on the incidents page; the history shows both with who and why', async () => {
    interface Incident {
      incidentId: string;
      type: string;
      eventCount: number;
      sources: { title: string; eventIds: string[] }[];
      history: { kind: string; by: string; reason: string; to?: string }[];
    }
    const api = async <T>(path: string): Promise<{ status: number; json: T }> => {
      const response = await fetch(`${baseUrl}${path}`);
      return { status: response.status, json: (await response.json()) as T };
    };
    // The seed's incidents: two that happened, with one event each, to merge; and one still to come
    // (future) or only threatened, with one event: incidents group those too, shown when the switch asks.
    // Which ones the coder finds is the coder's business, not this test's.
    const happened = new Set(
      (await api<{ items: Incident[] }>('/api/incidents?limit=100')).json.items.map((i) => i.incidentId),
    );
    const single = (await api<{ items: Incident[] }>('/api/incidents?modality=all&limit=100')).json.items.filter(
      (i) => i.eventCount === 1,
    );
    const [keep, other] = single.filter((i) => happened.has(i.incidentId)) as [Incident, Incident];
    expect(other).toBeDefined();
    const keepEvent = keep.sources[0]!.eventIds[0]!;
    const otherEvent = other.sources[0]!.eventIds[0]!;
    const notYet = single.find((i) => !happened.has(i.incidentId));
    expect(notYet).toBeDefined();

    await open('/incidents');
    await page.check('[data-testid=modality-switch]');
    const row = (id: string) => page.locator(`[data-testid=incident][data-incident-id="${id}"]`);
    await row(keep.incidentId).waitFor();
    await row(notYet!.incidentId).waitFor();
    const incidents = page.locator('[data-testid=incident]');
    const before = await incidents.count();
    const mergeButton = page.locator('[data-testid=merge-submit]');

    // Checked before sending: two incidents at least, and a reason.
    await row(keep.incidentId).locator('input[name=select-incident]').check();
    await page.waitForSelector('[data-testid=merge-problems]:has-text("select at least 2 incidents")');
    expect(await mergeButton.isDisabled()).toBe(true);
    await row(other.incidentId).locator('input[name=select-incident]').check();
    await row(notYet!.incidentId).locator('input[name=select-incident]').check();
    await page.check(`[data-testid=merge-panel] input[name=merge-into][value="${keep.incidentId}"]`);
    await page.fill('input[name=merge-reason]', 'no');
    await page.waitForSelector('[data-testid=merge-problems]:has-text("say why (3+ characters)")');
    expect(await mergeButton.isDisabled()).toBe(true);

    // Meanwhile another analyst retracts that incident's only event: that incident is gone, and the API's 404 is shown.
    const notYetEvent = notYet!.sources[0]!.eventIds[0]!;
    const retracted = await page.evaluate(
      async (eventId) =>
        (
          await fetch(`/api/events/${eventId}/retract`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'x-csrf-token': sessionStorage.getItem('newsledger.csrf') ?? '',
            },
            body: JSON.stringify({ reason: 'it was never planned' }),
          })
        ).status,
      notYetEvent,
    );
    expect(retracted).toBe(200);
    for (
      const deadline = Date.now() + 20_000;
      (await api(`/api/incidents/${notYet!.incidentId}?modality=all`)).status !== 404;
    ) {
      if (Date.now() > deadline)
        throw new Error(`incident ${notYet!.incidentId} still listed after its event's retraction`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const mergeReason = 'Both are the same <b>ultimatum</b> to Tehran';
    await page.fill('input[name=merge-reason]', mergeReason);
    await mergeButton.click();
    await page.waitForSelector(`[data-testid=merge-panel] [role=alert]:has-text("no incident ${notYet!.incidentId}")`);
    expect((await api<Incident>(`/api/incidents/${other.incidentId}`)).json.eventCount).toBe(1);

    // Without it, the merge goes through; the list shows one incident with both events.
    await page.click(
      `[data-testid=merge-candidate][data-incident-id="${notYet!.incidentId}"] button:has-text("remove")`,
    );
    expect(await page.locator('[data-testid=merge-panel] [role=alert]').count()).toBe(0);
    await shot('incidents-merge');
    await mergeButton.click();
    await page.waitForSelector(
      `[data-testid=correction-notice]:has-text("Merged into") a:has-text("${keep.incidentId}")`,
      { timeout: 30_000 },
    );
    await page.waitForSelector(`[data-testid=incident][data-incident-id="${keep.incidentId}"][data-event-count="2"]`);
    expect(await row(other.incidentId).count()).toBe(0);
    expect(await row(notYet!.incidentId).count()).toBe(0);
    expect(await incidents.count()).toBe(before - 2);
    expect(await page.locator('[data-testid=merge-panel]').count()).toBe(0);

    // Split the other demand out again, from the merged incident's row: its events with their types and article.
    await row(keep.incidentId).locator('[data-testid=split-incident]').click();
    const form = row(keep.incidentId).locator('[data-testid=split-form]');
    await form.locator(`[data-testid=split-event][data-event-id="${otherEvent}"]:has-text("${other.type}")`).waitFor();
    expect(await form.locator('[data-testid=split-event]').count()).toBe(2);
    expect(await form.locator('legend').first().textContent()).toContain(keep.sources[0]!.title);
    await form.locator(`input[name=split-event][value="${keepEvent}"]`).check();
    await form.locator(`input[name=split-event][value="${otherEvent}"]`).check();
    const splitReason = "Qaani's demand to Baghdad is another event";
    await form.locator('input[name=split-reason]').fill(splitReason);
    await form.locator('[data-testid=split-problems]:has-text("leave at least one event in the incident")').waitFor();
    expect(await form.locator('[data-testid=split-submit]').isDisabled()).toBe(true);
    await form.locator(`input[name=split-event][value="${keepEvent}"]`).uncheck();
    await form.scrollIntoViewIfNeeded();
    await shot('incidents-split');
    await form.locator('[data-testid=split-submit]').click();
    const splitId = `inc-split-${otherEvent}`;
    await page.waitForSelector(`[data-testid=correction-notice]:has-text("Split off as") a:has-text("${splitId}")`, {
      timeout: 30_000,
    });
    await page.waitForSelector(`[data-testid=incident][data-incident-id="${splitId}"][data-event-count="1"]`);
    await page.waitForSelector(`[data-testid=incident][data-incident-id="${keep.incidentId}"][data-event-count="1"]`);
    expect(await incidents.count()).toBe(before - 1);

    // The kept incident's page: its source and event, and both corrections with who and why, as text.
    await row(keep.incidentId).locator('[data-testid=incident-details]').click();
    await page.waitForSelector(`[data-testid=incident-detail][data-incident-id="${keep.incidentId}"]`);
    await page.waitForSelector(`[data-testid=incident-event][data-event-id="${keepEvent}"]:has-text("${keep.type}")`);
    expect(await page.locator('[data-testid=incident-event]').count()).toBe(1);
    expect(await page.textContent('[data-testid=incident-sources]')).toContain(keep.sources[0]!.title);
    const history = page.locator('[data-testid=incident-history] li');
    expect(await history.evaluateAll((items) => items.map((li) => li.getAttribute('data-kind')))).toEqual([
      'merged',
      'split',
    ]);
    expect(await history.locator('[data-testid=correction-reason]').allTextContents()).toEqual([
      mergeReason,
      splitReason,
    ]);
    expect(await history.locator('[data-testid=correction-by]').allTextContents()).toEqual([ADMIN_EMAIL, ADMIN_EMAIL]);
    expect(await page.locator('[data-testid=incident-history] b').count()).toBe(0);
    await shot('incident');

    // The new incident links back to where it came from, and shows the split too.
    await page.click(`[data-testid=incident-history] li[data-kind=split] a:has-text("${splitId}")`);
    await page.waitForSelector(`[data-testid=incident-detail][data-incident-id="${splitId}"]`);
    await page.waitForSelector(`[data-testid=incident-event][data-event-id="${otherEvent}"]`);
    expect(
      await page
        .locator('[data-testid=incident-history] li[data-kind=split] [data-testid=correction-reason]')
        .textContent(),
    ).toBe(splitReason);

    // And the API says the same.
    const kept = (await api<Incident>(`/api/incidents/${keep.incidentId}`)).json;
    expect(kept.history.map((h) => [h.kind, h.by, h.reason])).toEqual([
      ['merged', ADMIN_EMAIL, mergeReason],
      ['split', ADMIN_EMAIL, splitReason],
    ]);
    expect(kept.history[1]!.to).toBe(splitId);
    await page.uncheck('[data-testid=modality-switch]');
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('shows the overview charts, actors, incidents, operations and bull-board behind the login', async () => {
    await open('/');
    for (const chart of ['chart-articles', 'chart-types', 'chart-lag', 'chart-queues', 'chart-alerts']) {
      await page.waitForSelector(`[data-testid=${chart}] svg.mini-chart`);
    }
    await shot('overview');

    await open('/actors/mustafa-al-kadhimi');
    await page.waitForSelector('[data-testid=actor-name]');
    await page.waitForSelector('[data-testid=actors-page] svg.recharts-surface');
    await shot('actors');

    await open('/incidents');
    await page.waitForSelector('[data-testid=incident]');
    await shot('incidents');

    await open('/operations');
    await page.waitForSelector('[data-testid=consumer-row]');
    expect(await page.textContent('[data-testid=consumers]')).toContain('read-model.events');
    await shot('operations');

    const board = await page.goto(`${baseUrl}/admin/queues`);
    expect(board?.status()).toBe(200);
    await page.waitForSelector('text=coding');
    await shot('queues');

    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('logs out, after which the API refuses the old session', async () => {
    await open('/');
    await page.click('button:has-text("Log out")');
    await page.waitForSelector('form[aria-label="log in"]');
    const status = await page.evaluate(async () => (await fetch('/api/operations/stats')).status);
    expect(status).toBe(401);
    expect((await page.request.get(`${baseUrl}/admin/queues`)).status()).toBe(401);
  }, 30_000);
});
