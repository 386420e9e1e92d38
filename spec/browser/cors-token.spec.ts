import { HPKVClientFactory, type HPKVApiClient } from '../../lib/client';
import { startLocalServer, type LocalServer } from '../../lib/server';
import { openPage, useChromium, type OpenedPage } from './support/browser-session';
import { useHarnessSite } from './support/harness-site';
import { Preflights } from './support/preflights';

/**
 * A browser app on another origin than hpkv-local (`hpkv-local --cors <origin|*>`): minting
 * tokens with `WebsocketTokenManager` and calling the REST API with `fetch` and `x-api-key`,
 * as Chromium allows it (or not), preflights included.
 */
describe('minting tokens and calling REST from another origin, in Chromium', () => {
  const browser = useChromium();
  const site = useHarnessSite();
  let server: LocalServer;
  let opened: OpenedPage;
  let writer: HPKVApiClient | undefined;

  /** hpkv-local with `cors`, and the harness page open. */
  const start = async (cors?: string): Promise<void> => {
    server = await startLocalServer({ cors });
    opened = await openPage(browser(), site().url);
  };
  const mint = (apiKey: string, patterns: string[]) =>
    opened.page.evaluate(([url, key, p]) => window.harness.mintToken(url, key, p), [server.baseUrl, apiKey, patterns] as const);

  /** A Node client writing to the server (its writes notify the page). */
  const connectWriter = async (): Promise<HPKVApiClient> => {
    writer = HPKVClientFactory.createApiClient(server.apiKey, server.baseUrl, { throttling: { enabled: false } });
    await writer.connect();
    return writer;
  };

  afterEach(async () => {
    await opened.page.evaluate(() => window.harness.destroyAll());
    const errors = await opened.close();
    writer?.destroy();
    writer = undefined;
    await server.close();
    expect(errors).toEqual([]);
  });

  it('without CORS on the server, fails at once with a typed ConnectionError (the browser blocks the answer)', async () => {
    await start();
    const minted = await mint(server.apiKey, ['user:*']);
    expect(minted).toMatchObject({ name: 'ConnectionError', instanceOf: 'ConnectionError', isHPKVError: true });
    expect(minted).toMatchObject({ message: expect.stringContaining(`${server.baseUrl}/token/websocket`) });
    expect(minted).toMatchObject({ message: expect.not.stringContaining(server.apiKey) });
    // REST too: the page learns nothing but that the fetch failed.
    expect(await opened.page.evaluate(([url, key]) => window.harness.rest(url, key, 'GET', '/record/x'), [server.baseUrl, server.apiKey])).toEqual({
      failed: 'TypeError: Failed to fetch',
    });
  });

  it('with CORS for another origin than the page, the browser blocks it just the same', async () => {
    await start('http://localhost:4200');
    expect(await mint(server.apiKey, ['user:*'])).toMatchObject({ name: 'ConnectionError', instanceOf: 'ConnectionError' });
  });

  it.each([
    ["the page's origin", 'site'],
    ['*', '*'],
  ] as const)('with CORS for %s, the page mints a token (preflighted), and a subscription client connects with it and is notified', async (_, allowed) => {
    const origin = allowed === 'site' ? site().url : '*';
    await start(origin);
    const preflights = await Preflights.watch(opened.page);
    const minted = await mint(server.apiKey, ['cors:*']);
    if (!('token' in minted)) throw new Error(`minting failed: ${minted.name}: ${minted.message}`);

    const { page } = opened;
    await page.evaluate(([url, token]) => window.harness.connectSubscriber('sub', url, token), [server.baseUrl, minted.token]);
    await page.evaluate(() => window.harness.recordWatch('watch', 'sub', 'cors:*'));
    await (await connectWriter()).set('cors:1', 'from Node');
    expect(await page.evaluate(() => window.harness.values('watch', 1))).toEqual(['cors:1=from Node']);

    const [preflight] = await preflights.answeredFor(['/token/websocket']);
    expect(preflight).toEqual({
      path: '/token/websocket',
      requestMethod: 'POST',
      requestHeaders: 'content-type,x-api-key',
      origin: site().url,
      status: 204,
      allow: {
        'access-control-allow-origin': origin,
        'access-control-allow-methods': 'GET, POST, DELETE',
        'access-control-allow-headers': 'content-type, x-api-key',
      },
    });
  });

  it('with CORS, a token provider in the page mints a fresh token for each connection, reconnects included', async () => {
    await start(site().url);
    const { page } = opened;
    let minted = 0;
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url() === `${server.baseUrl}/token/websocket`) minted += 1;
    });
    await page.evaluate(([url, apiKey]) => window.harness.connectSubscriber('sub', url, { apiKey, subscribePatterns: ['again:*'] }), [server.baseUrl, server.apiKey]);
    await page.evaluate(() => window.harness.recordWatch('watch', 'sub', 'again:*'));
    server.dropConnections();
    await page.evaluate(() => window.harness.seenTimes('sub.events', 'connected', 2));
    expect(minted).toBe(2);
    await (await connectWriter()).set('again:1', 'after the reconnect');
    // watch$ reports the reconnect's gap, then the write made after it.
    expect(await page.evaluate(() => window.harness.values('watch', 2))).toEqual(['gap', 'again:1=after the reconnect']);
  });

  it('with CORS, a wrong API key is an AuthenticationError 401 (CORS lets the status through), without the key', async () => {
    await start(site().url);
    const minted = await mint('wrong-api-key-s3cret', ['user:*']);
    expect(minted).toEqual({
      name: 'AuthenticationError',
      instanceOf: 'AuthenticationError',
      isHPKVError: true,
      code: 401,
      message: 'Failed to generate token: 401 Invalid or missing x-api-key header. Check the API key.',
    });
  });

  it('with CORS, the REST calls a browser app makes with x-api-key are preflighted and answered, errors readable', async () => {
    await start(site().url);
    const preflights = await Preflights.watch(opened.page);
    const calls = [
      ['POST', '/record', { key: 'rest:user', value: { name: 'Ada' } }],
      ['POST', '/record', { key: 'rest:user', value: { born: 1815 }, partialUpdate: true }],
      ['GET', '/record/rest%3Auser'],
      ['POST', '/record/atomic', { key: 'rest:visits', increment: 5 }],
      ['GET', '/records?startKey=rest%3A&endKey=rest%3A~&limit=10'],
      ['DELETE', '/record/rest%3Auser'],
      ['GET', '/record/rest%3Auser'],
    ] as const;
    const answers = await opened.page.evaluate(
      async ([url, key, list]) => {
        const results = [];
        for (const [method, path, body] of list) results.push(await window.harness.rest(url, key, method, path, body));
        return results;
      },
      [server.baseUrl, server.apiKey, calls] as const,
    );
    expect(answers).toEqual([
      { status: 200, body: { success: true, message: expect.any(String) } },
      { status: 200, body: { success: true, message: expect.any(String) } },
      { status: 200, body: { key: 'rest:user', value: '{"name":"Ada","born":1815}' } },
      { status: 200, body: { success: true, result: 5 } },
      {
        status: 200,
        body: {
          records: [
            { key: 'rest:user', value: '{"name":"Ada","born":1815}' },
            { key: 'rest:visits', value: '5' },
          ],
          count: 2,
          truncated: false,
        },
      },
      { status: 200, body: { success: true, message: expect.any(String) } },
      { status: 404, body: { error: 'Record not found' } },
    ]);
    // Without the header: the 401 and its reason reach the page.
    expect(await opened.page.evaluate(([url]) => window.harness.rest(url, null, 'GET', '/record/rest%3Auser'), [server.baseUrl])).toEqual({
      status: 401,
      body: { error: 'Invalid or missing x-api-key header' },
    });

    // x-api-key (and JSON) make every call preflighted, once per URL: Chromium keeps the answer
    // (methods and headers allowed, for access-control-max-age), so the DELETE after the GET of
    // the same URL goes without one.
    const seen = await preflights.answeredFor(['/record', '/record/rest%3Auser', '/record/atomic', '/records']);
    for (const preflight of seen) {
      expect(preflight).toMatchObject({ status: 204, origin: site().url, allow: { 'access-control-allow-origin': site().url } });
      expect(preflight.requestHeaders.split(',')).toContain('x-api-key');
    }
  });
});
