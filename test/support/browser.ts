import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Debian's Chromium, found the way .ci/run installs it (`apt-get install chromium`). */
export function chromiumPath(): string {
  const path = execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  if (!path) throw new Error('chromium is not installed: apt-get install -y chromium');
  return path;
}

export interface LaunchedBrowser {
  /** The one context of the browser, on its own fresh profile. */
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Headless Chromium through playwright-core, with a fresh profile each time
 * and every background connection off (this machine has no network but
 * loopback; Chromium would otherwise keep trying Google's hosts).
 */
export async function launchChromium(): Promise<LaunchedBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'newsledger-chromium-'));
  // Playwright takes the profile folder as launchPersistentContext's first argument (not as --user-data-dir).
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
