import { startLocalServer, type LocalServer } from '../../lib/server';
import { openPage, useChromium, type OpenedPage } from './support/browser-session';
import { useHarnessSite } from './support/harness-site';

/**
 * `WebsocketTokenManager` in a page served from another origin than hpkv-local, as a browser
 * app minting its own tokens would be.
 */
describe('minting a subscription token from another origin, in Chromium', () => {
  const browser = useChromium();
  const site = useHarnessSite();
  let server: LocalServer;
  let opened: OpenedPage;
  afterEach(async () => {
    const errors = await opened.close();
    await server.close();
    expect(errors).toEqual([]);
  });

  it('without CORS on the server, fails at once with a typed ConnectionError (the browser blocks the answer)', async () => {
    server = await startLocalServer();
    opened = await openPage(browser(), site().url);
    const minted = await opened.page.evaluate(([url, key]) => window.harness.mintToken(url, key, ['user:*']), [server.baseUrl, server.apiKey]);
    expect(minted).toMatchObject({ name: 'ConnectionError', instanceOf: 'ConnectionError', isHPKVError: true });
    expect(minted).toMatchObject({ message: expect.stringContaining(`${server.baseUrl}/token/websocket`) });
  });
});
