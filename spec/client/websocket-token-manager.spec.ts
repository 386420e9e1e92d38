import { AuthenticationError, ConnectionError, HPKVError, ProtocolError } from '../../lib/client/errors';
import { toHttpBase, WebsocketTokenManager } from '../../lib/client/websocket-token-manager';
import { startLocalServer, type LocalServer } from '../../lib/server';
import { RawClient } from '../support/raw-client';

describe('WebsocketTokenManager', () => {
  let server: LocalServer;
  beforeAll(async () => {
    server = await startLocalServer();
  });
  afterAll(() => server.close());

  it.each([
    ['subscribePatterns', { subscribePatterns: ['tm:*'] }],
    ['subscribeKeys', { subscribeKeys: ['tm:1'] }],
  ])('generates a working token from %s against an http:// base', async (_name, config) => {
    const token = await new WebsocketTokenManager(server.apiKey, server.baseUrl).generateToken(config);
    const subscriber = await RawClient.open(server.baseUrl, { token });
    const writer = await RawClient.open(server.baseUrl, { apiKey: server.apiKey });
    await writer.request({ op: 2, key: 'tm:1', value: 'v' });
    expect(await subscriber.notifications(1)).toMatchObject([{ key: 'tm:1', value: 'v' }]);
    await Promise.all([subscriber.close(), writer.close()]);
  });

  it('accepts ws:// and …/ws base URLs', async () => {
    const wsBase = `${server.baseUrl.replace('http', 'ws')}/ws/`;
    await expect(new WebsocketTokenManager(server.apiKey, wsBase).generateToken({})).resolves.toEqual(expect.any(String));
  });

  it('rejects a wrong API key with AuthenticationError 401', async () => {
    const failure = new WebsocketTokenManager('wrong', server.baseUrl).generateToken({ subscribePatterns: ['a'] });
    await expect(failure).rejects.toBeInstanceOf(AuthenticationError);
    await expect(failure).rejects.toMatchObject({ code: 401, message: expect.stringContaining('Check the API key') });
  });

  it('rejects an invalid pattern with HPKVError 400 naming it', async () => {
    const failure = new WebsocketTokenManager(server.apiKey, server.baseUrl).generateToken({ subscribePatterns: ['^(oops'] });
    await expect(failure).rejects.toBeInstanceOf(HPKVError);
    await expect(failure).rejects.toMatchObject({ code: 400, message: expect.stringContaining('^(oops') });
  });

  it('rejects an unreachable server with ConnectionError', async () => {
    const gone = await startLocalServer();
    await gone.close();
    await expect(new WebsocketTokenManager('k', gone.baseUrl).generateToken({})).rejects.toBeInstanceOf(ConnectionError);
  });

  it('rejects a reply without a token with ProtocolError', async () => {
    const fetch = (() => Promise.resolve(new Response('{"nope":1}', { status: 200 }))) as typeof globalThis.fetch;
    await expect(new WebsocketTokenManager('k', 'http://h', { fetch }).generateToken({})).rejects.toBeInstanceOf(ProtocolError);
  });

  it('maps base URLs to the HTTP side of the host', () => {
    expect(toHttpBase('wss://api-eu-1.hpkv.io/ws?x=1')).toBe('https://api-eu-1.hpkv.io');
    expect(toHttpBase('ws://127.0.0.1:3000/')).toBe('http://127.0.0.1:3000');
    expect(toHttpBase('https://api-eu-1.hpkv.io')).toBe('https://api-eu-1.hpkv.io');
  });
});
