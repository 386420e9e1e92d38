import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Page } from 'playwright-core';
import { HPKVClientFactory, HPKVError, type HPKVApiClient } from '../../lib/client';
import { startLocalServer, type LocalServer, type LocalServerOptions } from '../../lib/server';
import { buildConsole } from '../../scripts/build-console';
import { openPage, useChromium, type OpenedPage } from './support/browser-session';
import { writeOverRest } from './support/write-over-rest';

/** Where screenshots go (gitignored); docs/console.png is a copy of one, for the README. */
const SCREENSHOTS = resolve(__dirname, '../../browser-screenshots');

/** Resolves once `selector`'s text is exactly `text` (checked by the page on each frame, no sleeping). */
async function textIs(page: Page, selector: string, text: string): Promise<void> {
  await page.waitForFunction(([s, t]) => document.querySelector(s)?.textContent === t, [selector, text] as const);
}

/** The keys of the table's rows, in order. */
const rowKeys = (page: Page): Promise<string[]> => page.$$eval('#key-table tbody tr', (rows) => rows.map((row) => (row as HTMLElement).dataset.key!));

const connected = (page: Page): Promise<unknown> => page.waitForFunction(() => document.querySelector<HTMLElement>('#connection')?.dataset.state === 'CONNECTED');

/**
 * The hpkv-local console in Chromium, served by hpkv-local itself and working through hpkv-rx:
 * browsing, editing and live updates, driven as a user does (labels, roles, keyboard).
 */
describe('the hpkv-local console in Chromium', () => {
  const browser = useChromium();
  let consoleDir: string;
  let server: LocalServer;
  let writer: HPKVApiClient;
  let opened: OpenedPage;

  /** hpkv-local serving the console, and a Node client writing to it. */
  const start = async (options: LocalServerOptions = {}): Promise<void> => {
    server = await startLocalServer({ consoleDir, ...options });
    writer = HPKVClientFactory.createApiClient(server.apiKey, `http://127.0.0.1:${server.port}`, { throttling: { enabled: false } });
    await writer.connect();
  };
  const open = async (): Promise<Page> => {
    opened = await openPage(browser(), `http://127.0.0.1:${server.port}/`);
    await opened.page.setViewportSize({ width: 1280, height: 800 });
    return opened.page;
  };

  beforeAll(async () => {
    consoleDir = await buildConsole(await mkdtemp(join(tmpdir(), 'hpkv-console-')));
  });
  afterAll(() => rm(consoleDir, { recursive: true, force: true }));
  afterEach(async () => {
    const errors = (await opened?.close()) ?? [];
    writer?.destroy();
    await server?.close();
    expect(errors).toEqual([]);
  });

  it('pages through 10,000 keys by prefix, the key handed over on loopback', async () => {
    await start();
    await Promise.all(Array.from({ length: 10_000 }, (_, i) => writer.set(`item:${String(i).padStart(5, '0')}`, { n: i })));
    const page = await open();
    await connected(page);
    await textIs(page, '#page-info', 'Page 1: keys, 1–50');
    expect(await rowKeys(page)).toHaveLength(50);
    expect(await page.locator('#sign-in').isHidden()).toBe(true);

    await page.getByLabel('Key prefix').fill('item:0999');
    await page.getByLabel('Key prefix').press('Enter');
    await textIs(page, '#page-info', 'Page 1: keys starting with "item:0999", 1–10 (last page)');
    expect(await rowKeys(page)).toEqual(Array.from({ length: 10 }, (_, i) => `item:0999${i}`));
    expect(await page.getByRole('button', { name: 'Next page' }).isDisabled()).toBe(true);

    await page.getByLabel('Key prefix').fill('item:');
    await page.getByLabel('Per page').selectOption('100');
    await page.getByRole('button', { name: 'Browse' }).click();
    await textIs(page, '#page-info', 'Page 1: keys starting with "item:", 1–100');
    await page.getByRole('button', { name: 'Next page' }).click();
    await textIs(page, '#page-info', 'Page 2: keys starting with "item:", 101–200');
    expect((await rowKeys(page))[0]).toBe('item:00100');
    await page.getByRole('button', { name: 'Previous page' }).click();
    await textIs(page, '#page-info', 'Page 1: keys starting with "item:", 1–100');
    expect(await page.locator('#key-table tbody tr').first().locator('td').textContent()).toBe('{"n":0}');
  });

  it('creates, edits, increments and deletes through the UI, by keyboard', async () => {
    await start();
    await writer.set('ui:a', { n: 1, tags: ['x'] });
    await writer.set('ui:z', 'last');
    await writer.atomicIncrement('ui:counter', 41);
    const page = await open();
    await textIs(page, '#page-info', 'Page 1: keys, 1–3 (last page)');

    // Create: the new row appears in key order, from the notification of our own write.
    await page.getByRole('button', { name: 'New key' }).click();
    await page.getByLabel('Key', { exact: true }).fill('ui:new');
    await page.getByLabel(/^Value/).fill('{ "created": true }');
    await page.getByRole('button', { name: 'Save' }).click();
    await textIs(page, '#editor-status', 'Saved ui:new');
    expect(await writer.get('ui:new')).toMatchObject({ value: '{"created":true}' });
    await page.locator('tr[data-key="ui:new"]').waitFor();
    expect(await rowKeys(page)).toEqual(['ui:a', 'ui:counter', 'ui:new', 'ui:z']);

    // Edit: Enter on the key opens it pretty-printed; Escape closes and gives the focus back.
    await page.getByRole('button', { name: 'ui:a', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector<HTMLTextAreaElement>('#editor-value')?.value.includes('\n'));
    expect(await page.getByLabel(/^Value/).inputValue()).toBe('{\n  "n": 1,\n  "tags": [\n    "x"\n  ]\n}');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('editor-value');
    await page.getByLabel(/^Value/).fill('{"n": 2}');
    await page.getByRole('button', { name: 'Save' }).click();
    await textIs(page, '#editor-status', 'Saved ui:a');
    expect(await writer.get('ui:a')).toMatchObject({ value: '{"n":2}' });
    await textIs(page, 'tr[data-key="ui:a"] td', '{"n":2}');
    await page.keyboard.press('Escape');
    expect(await page.locator('#editor').isHidden()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.closest('tr')?.dataset.key)).toBe('ui:a');

    // Increment.
    await page.getByRole('button', { name: 'ui:counter', exact: true }).click();
    await page.getByRole('button', { name: 'Increment', exact: true }).click();
    await textIs(page, '#editor-status', 'ui:counter is now 42');
    expect(await writer.get('ui:counter')).toMatchObject({ value: '42' });

    // Delete, confirmed: the row goes.
    await page.getByRole('button', { name: 'ui:z', exact: true }).click();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('button', { name: 'Really delete ui:z' }).click();
    await page.locator('tr[data-key="ui:z"]').waitFor({ state: 'detached' });
    await expect(writer.get('ui:z')).rejects.toBeInstanceOf(HPKVError);
    // The editor closes on the reply, the row goes on the notification: two frames, either first.
    await page.locator('#editor').waitFor({ state: 'hidden' });
  });

  it('shows writes of other clients without a reload, touching only their rows, and lists them in the feed', async () => {
    await start();
    for (const key of ['live:1', 'live:2', 'live:3']) await writer.set(key, 'initial');
    const page = await open();
    await textIs(page, '#page-info', 'Page 1: keys, 1–3 (last page)');
    // Remember the row elements: a re-render would replace them.
    await page.evaluate(() => {
      (window as unknown as { rowsBefore: Set<Element> }).rowsBefore = new Set(Array.from(document.querySelectorAll('#key-table tbody tr')));
    });

    await writer.set('live:2', { changed: true });
    await textIs(page, 'tr[data-key="live:2"] td', '{"changed":true}');
    expect(await page.evaluate(() => Array.from(document.querySelectorAll('#key-table tbody tr')).every((row) => (window as unknown as { rowsBefore: Set<Element> }).rowsBefore.has(row)))).toBe(true);

    await writer.set('live:15', 'inserted');
    await page.locator('tr[data-key="live:15"]').waitFor();
    await writer.delete('live:3');
    await page.locator('tr[data-key="live:3"]').waitFor({ state: 'detached' });
    expect(await rowKeys(page)).toEqual(['live:1', 'live:15', 'live:2']);
    const feed = await page.locator('#feed li').allTextContents();
    expect(feed.slice(0, 3).map((line) => line.replace(/^.*?(live:)/, '$1'))).toEqual(['live:3 deleted', 'live:15 = inserted', 'live:2 = {"changed":true}']);
  });

  it('reconnects by itself when the server drops it, and re-reads the page (changes made meanwhile included)', async () => {
    await start();
    await writer.set('kept', 'before');
    const page = await open();
    await textIs(page, 'tr[data-key="kept"] td', 'before');
    server.refuseUpgrades(503);
    server.dropConnections();
    await page.waitForFunction(() => document.querySelector<HTMLElement>('#connection')?.dataset.state === 'RECONNECTING');
    expect(await writeOverRest(server, 'kept', 'written while down')).toBe(200);
    server.refuseUpgrades(null);
    await textIs(page, 'tr[data-key="kept"] td', 'written while down');
    await connected(page);
    expect(await page.locator('#feed li.event').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('reconnected')]));
  });

  it('asks for the API key when hpkv-local listens beyond loopback, and says when it is wrong', async () => {
    await start({ host: '0.0.0.0' });
    await writer.set('secret:1', 'only with the key');
    const page = await open();
    const apiKey = page.getByLabel('API key of this hpkv-local');
    await apiKey.waitFor();
    expect(await page.locator('#sign-in-reason').textContent()).toContain('listens on 0.0.0.0');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('api-key');
    await apiKey.fill('wrong-key');
    await apiKey.press('Enter');
    await textIs(page, '#sign-in-error', 'The server refused this API key: check it and try again.');
    expect(await page.locator('#keys').isHidden()).toBe(true);
    await apiKey.fill(server.apiKey);
    await apiKey.press('Enter');
    await textIs(page, 'tr[data-key="secret:1"] td', 'only with the key');
    await connected(page);
  });

  it('says the key is refused when hpkv-local comes back with another one, and shows no key', async () => {
    await start();
    const page = await open();
    await connected(page);
    // A developer restarts hpkv-local with --api-key changed: the console's key is now wrong.
    const { port } = server;
    writer.destroy();
    const triedWhileDown = page.waitForEvent('requestfailed', (request) => request.url().endsWith('/token/websocket'));
    await server.close();
    // Down for at least one attempt (as a restart is, however quick): the console keeps trying.
    await triedWhileDown;
    server = await startLocalServer({ consoleDir, port, apiKey: 'another-key' });
    const refused = 'Failed to generate token: 401 Invalid or missing x-api-key header. Check the API key.';
    await page.waitForFunction(() => document.querySelector<HTMLElement>('#connection')?.dataset.state === 'DISCONNECTED');
    // Attempts while it was down are retried; the refused key is not: the console stops and says why.
    const newest = await page.locator('#feed li.event').first().evaluate((item) => item.lastChild?.textContent);
    expect(newest).toMatch(/^gave up reconnecting: Connection lost and \d+ reconnect attempts failed: /);
    expect(newest).toContain(`failed: ${refused}`);
    await page.getByRole('button', { name: 'Reconnect' }).click();
    await textIs(page, '#connection', `disconnected: AuthenticationError: ${refused}`);
    const shown = await page.locator('body').innerText();
    for (const key of ['local-dev-key', 'another-key']) expect(shown).not.toContain(key);
  });

  it('looks like this (screenshot for the README)', async () => {
    await start();
    await writer.set('product:1', { name: 'Desk lamp', price: 39, tags: ['light', 'desk'] });
    await writer.set('product:2', { name: 'Chair', price: 129, stock: 4 });
    await writer.set('product:3', { name: 'Monitor arm', price: 89 });
    await writer.set('user:ada', { name: 'Ada Lovelace', born: 1815 });
    await writer.set('user:grace', { name: 'Grace Hopper', born: 1906 });
    await writer.atomicIncrement('visits', 1041);
    const page = await open();
    await textIs(page, '#page-info', 'Page 1: keys, 1–6 (last page)');
    await writer.set('product:2', { name: 'Chair', price: 119, stock: 3 });
    await writer.atomicIncrement('visits', 1);
    await textIs(page, 'tr[data-key="visits"] td', '1042');
    await page.getByRole('button', { name: 'product:1', exact: true }).click();
    await page.waitForFunction(() => document.querySelector<HTMLTextAreaElement>('#editor-value')?.value.includes('Desk lamp'));
    await mkdir(SCREENSHOTS, { recursive: true });
    const path = join(SCREENSHOTS, 'console.png');
    await page.setViewportSize({ width: 1200, height: 640 });
    await page.screenshot({ path });
    expect((await stat(path)).size).toBeGreaterThan(10_000);
  });
});
