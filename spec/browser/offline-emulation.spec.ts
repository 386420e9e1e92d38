import { HPKVClientFactory, HPKVOperation, type HPKVApiClient } from '../../lib/client';
import { type Page } from 'playwright-core';
import { startLocalServer, type LocalServer } from '../../lib/server';
import { openPage, useChromium, type OpenedPage } from './support/browser-session';
import { goOffline, goOnline } from './support/network';
import { useHarnessSite } from './support/harness-site';

/** What the page's raw socket saw (set up by `openRawSocket`). */
interface RawSocketWindow {
  raw: WebSocket;
  rawFrames: string[];
  rawClosed: number | undefined;
}

/** Opens a plain WebSocket in the page as `window.raw`, recording its frames and its close. */
async function openRawSocket(page: Page, url: string): Promise<void> {
  await page.evaluate(
    (socketUrl) =>
      new Promise<void>((resolve, reject) => {
        const state = window as unknown as RawSocketWindow;
        state.rawFrames = [];
        state.raw = new WebSocket(socketUrl);
        state.raw.onmessage = (event) => state.rawFrames.push(String(event.data));
        state.raw.onclose = (event) => (state.rawClosed = event.code);
        state.raw.onopen = () => resolve();
        state.raw.onerror = () => reject(new Error('the socket did not open'));
      }),
    url,
  );
}

/**
 * What Playwright's `context.setOffline()` does to a WebSocket in this Chromium: the ground
 * the browser liveness specs stand on (see support/README.md). A plain `WebSocket`, not hpkv-rx,
 * so these facts hold whatever the client does about them.
 */
describe("Chromium's offline emulation and WebSockets", () => {
  const browser = useChromium();
  const site = useHarnessSite();
  let server: LocalServer;
  let writer: HPKVApiClient;
  let opened: OpenedPage;

  beforeEach(async () => {
    server = await startLocalServer();
    writer = HPKVClientFactory.createApiClient(server.apiKey, server.baseUrl, { throttling: { enabled: false } });
    await writer.connect();
    opened = await openPage(browser(), site().url);
  });
  afterEach(async () => {
    await opened.page.evaluate(() => (window as unknown as RawSocketWindow).raw?.close());
    const errors = await opened.close();
    writer.destroy();
    await server.close();
    expect(errors).toEqual([]);
  });

  it('an open socket is not closed: frames either way wait and arrive when back online; new connections fail at once', async () => {
    const { page } = opened;
    const url = `${server.baseUrl.replace('http:', 'ws:')}/ws?token=${server.issueToken({ subscribePatterns: ['net:*'] })}`;
    await openRawSocket(page, url);
    await server.waitForConnections(2);

    await goOffline(opened);
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    // Sent while offline: no error, the socket still open.
    const get = JSON.stringify({ op: HPKVOperation.GET, key: 'net:1', messageId: 1 });
    await page.evaluate((frame) => (window as unknown as RawSocketWindow).raw.send(frame), get);
    await writer.set('net:1', 'written while offline');
    // A new socket fails at once (net::ERR_INTERNET_DISCONNECTED), without opening.
    const fresh = await page.evaluate(
      (socketUrl) =>
        new Promise<{ opened: boolean; code: number }>((resolve) => {
          let opened = false;
          const socket = new WebSocket(socketUrl);
          socket.onopen = () => (opened = true);
          socket.onclose = (event) => resolve({ opened, code: event.code });
        }),
      url,
    );
    expect(fresh).toEqual({ opened: false, code: 1006 });
    expect(server.connectionCount).toBe(2);

    await goOnline(opened);
    await page.waitForFunction(() => (window as unknown as RawSocketWindow).rawFrames.length >= 2);
    const frames = (await page.evaluate(() => (window as unknown as RawSocketWindow).rawFrames)).map((frame) => JSON.parse(frame) as Record<string, unknown>);
    expect(frames).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'notification', key: 'net:1', value: 'written while offline' }),
        expect.objectContaining({ messageId: 1, code: 200, value: 'written while offline' }),
      ]),
    );
    expect(await page.evaluate(() => (window as unknown as RawSocketWindow).rawClosed)).toBeUndefined();
  });

  it('closing a socket while offline goes through: a clean close, and the server sees it', async () => {
    const { page } = opened;
    await openRawSocket(page, `${server.baseUrl.replace('http:', 'ws:')}/ws?apiKey=${server.apiKey}`);
    await server.waitForConnections(2);
    await goOffline(opened);
    const closed = await page.evaluate(
      () =>
        new Promise<{ code: number; wasClean: boolean }>((resolve) => {
          const { raw } = window as unknown as RawSocketWindow;
          raw.onclose = (event) => resolve({ code: event.code, wasClean: event.wasClean });
          raw.close(1000, 'given up on a silent network');
        }),
    );
    expect(closed).toEqual({ code: 1000, wasClean: true });
    await server.waitForConnections(1);
  });
});
