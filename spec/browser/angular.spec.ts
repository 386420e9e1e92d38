import { resolve } from 'node:path';
import { type Page } from 'playwright-core';
import { HPKVClientFactory, type HPKVApiClient } from '../../lib/client';
import { startLocalServer, type LocalServer } from '../../lib/server';
import { openPage, useChromium, type OpenedPage } from './support/browser-session';
import { useHarnessSite } from './support/harness-site';

const SHOWN_KEY = 'greeting';

/**
 * Resolves once the element's text is `text` (checked by the page, never on a timer); fails
 * after WAIT_LIMIT_MS (the page's default timeout) saying what it shows instead.
 */
async function shows(page: Page, selector: string, text: string): Promise<void> {
  await page.waitForFunction(([s, t]) => document.querySelector(s)?.textContent === t, [selector, text] as const).catch(async (error: unknown) => {
    throw new Error(`${selector} never showed ${JSON.stringify(text)}; it shows ${JSON.stringify(await page.textContent(selector, { timeout: 1000 }))}`, { cause: error });
  });
}

/**
 * hpkv-rx/angular in a real Chromium: a standalone Angular app (zone.js, JIT) bundled by esbuild
 * as a user's bundler would (spec/browser/page/angular-app.ts), its client from `provideHpkv`,
 * showing a key that a Node client changes. No uncaught error, unhandled rejection or console
 * error in the page.
 */
describe('hpkv-rx/angular in Chromium', () => {
  const browser = useChromium();
  const site = useHarnessSite(resolve(__dirname, 'page/angular-app.ts'));
  let server: LocalServer;
  let writer: HPKVApiClient;
  let opened: OpenedPage;

  beforeEach(async () => {
    server = await startLocalServer();
    writer = HPKVClientFactory.createApiClient(server.apiKey, server.baseUrl, { throttling: { enabled: false } });
    await writer.connect();
    await writer.set(SHOWN_KEY, 'hello');
    opened = await openPage(browser(), site().url);
    const token = server.issueToken({ subscribePatterns: [SHOWN_KEY] });
    await opened.page.evaluate(([url, t, key]) => window.angularApp.start(url, t, key), [server.baseUrl, token, SHOWN_KEY]);
  });
  afterEach(async () => {
    await opened.page.evaluate(() => window.angularApp.destroy());
    await server.waitForConnections(1); // the app's socket is gone, the writer's remains
    const errors = await opened.close();
    writer.destroy();
    await server.close();
    expect(errors).toEqual([]);
  });

  it('shows the value, follows another client’s writes without a reload, and the zone becomes stable', async () => {
    const { page } = opened;
    await shows(page, '#field', 'hello');
    await shows(page, '#signal', 'hello');
    // Stable with live$ open twice (the field and the signal) and the socket connected.
    expect(await page.evaluate(() => window.angularApp.whenStable())).toEqual({ stable: true, pendingMacrotasks: false });

    await page.evaluate(() => Object.assign(window, { loadedOnce: true }));
    await writer.set(SHOWN_KEY, 'bonjour');
    await shows(page, '#field', 'bonjour');
    await shows(page, '#signal', 'bonjour');
    expect(await page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(true);
    expect(await page.evaluate(() => window.angularApp.whenStable())).toEqual({ stable: true, pendingMacrotasks: false });
  });

  it('is stable while a request goes unanswered; its reply shows once it comes', async () => {
    const { page } = opened;
    await shows(page, '#field', 'hello');
    server.pauseReplies();
    await page.click('#read'); // a handler reading with get()
    await page.waitForFunction(() => window.angularApp.messagesPending() === 1);
    expect(await page.evaluate(() => window.angularApp.whenStable())).toEqual({ stable: true, pendingMacrotasks: false });

    server.resumeReplies();
    await shows(page, '#read-value', 'hello');
  });
});
