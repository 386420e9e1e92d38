import { HPKVClientFactory, type HPKVApiClient } from '../../lib/client';
import { startLocalServer, type LocalServer } from '../../lib/server';
import { runOperationScript } from './page/operation-script';
import { openPage, useChromium, type OpenedPage } from './support/browser-session';
import { closedPort } from './support/closed-port';
import { useHarnessSite } from './support/harness-site';
import { writeOverRest } from './support/write-over-rest';

/**
 * hpkv-rx in a real Chromium, bundled as a user's bundler would, on a page served from another
 * origin than hpkv-local: what a browser app sees, end to end. Every test ends with no uncaught
 * error, unhandled rejection or console error in the page.
 */
describe('hpkv-rx in Chromium', () => {
  const browser = useChromium();
  const site = useHarnessSite();
  let server: LocalServer;
  let opened: OpenedPage;
  let writer: HPKVApiClient;
  /** How far the server's clock (token expiry) runs ahead of the real one. */
  let serverClockSkew = 0;
  const tokenTtlSeconds = 600;

  beforeEach(async () => {
    serverClockSkew = 0;
    server = await startLocalServer({ tokenTtlSeconds, now: () => Date.now() + serverClockSkew });
    writer = HPKVClientFactory.createApiClient(server.apiKey, server.baseUrl, { throttling: { enabled: false } });
    await writer.connect();
    opened = await openPage(browser(), site().url);
  });
  afterEach(async () => {
    await opened.page.evaluate(() => window.harness.destroyAll());
    const errors = await opened.close();
    writer.destroy();
    await server.close();
    expect(errors).toEqual([]);
  });

  it('runs every operation in the Promise and the Observable form, answering exactly as in Node', async () => {
    const { baseUrl, apiKey } = server;
    const inBrowser = await opened.page.evaluate(([url, key]) => window.harness.operations(url, key, 'ops:'), [baseUrl, apiKey]);

    const nodeServer = await startLocalServer();
    const node = HPKVClientFactory.createApiClient(nodeServer.apiKey, nodeServer.baseUrl, { throttling: { enabled: false } });
    try {
      await node.connect();
      expect(inBrowser.promise).toEqual(await runOperationScript(node, 'promise', 'ops:p:'));
      expect(inBrowser.observable).toEqual(await runOperationScript(node, 'observable', 'ops:o:'));
    } finally {
      node.destroy();
      await nodeServer.close();
    }
    // And not vacuously: the answers are the right ones.
    for (const [form, results] of Object.entries(inBrowser)) {
      const prefix = form === 'promise' ? 'ops:p:' : 'ops:o:';
      expect(results).toMatchObject({
        get: { code: 200, key: `${prefix}user`, value: '{"name":"Ada"}' },
        afterPatch: '{"name":"Ada","born":1815}',
        increment: { code: 200, newValue: 5 },
        decrement: 3,
        firstOfRange: { records: [{ key: `${prefix}user` }], truncated: true },
        scan: [[{ key: `${prefix}user`, value: '{"name":"Ada","born":1815}' }], [{ key: `${prefix}visits`, value: '3' }]],
        delete: { code: 200, success: true },
        getDeleted: { name: 'HPKVError', instanceOf: 'HPKVError', code: 404 },
        deleteMissing: { code: 404, isHPKVError: true },
        emptyKey: { code: 400, isHPKVError: true },
      });
    }
  });

  it('watch$ and live$ (directly and through an operator) follow the writes of another client', async () => {
    const token = server.issueToken({ subscribePatterns: ['feed:*'] });
    const { page } = opened;
    await page.evaluate(([url, t]) => window.harness.connectSubscriber('sub', url, t), [server.baseUrl, token]);
    await page.evaluate(() => {
      const { harness } = window;
      harness.recordLive('live', 'sub', 'feed:1');
      harness.recordLive('livePiped', 'sub', 'feed:1', true);
      harness.recordWatch('watch', 'sub', 'feed:*');
      harness.recordWatch('watchPiped', 'sub', 'feed:*', true);
    });
    expect(await page.evaluate(() => window.harness.values('live', 1))).toEqual([null]);
    expect(await page.evaluate(() => window.harness.values('livePiped', 1))).toEqual([null]);

    await writer.set('feed:1', 'first');
    await writer.set('feed:2', 'other');
    await writer.delete('feed:1');
    await writer.set('elsewhere', 'not watched');

    const changes = ['feed:1=first', 'feed:2=other', 'feed:1=null'];
    expect(await page.evaluate(() => window.harness.values('watch', 3))).toEqual(changes);
    expect(await page.evaluate(() => window.harness.values('watchPiped', 3))).toEqual(changes);
    expect(await page.evaluate(() => window.harness.values('live', 3))).toEqual([null, 'first', null]);
    expect(await page.evaluate(() => window.harness.values('livePiped', 3))).toEqual([null, 'first', null]);
  });

  describe('a refused connection: what the user sees', () => {
    /**
     * The whole message, as Chromium's user reads it: the browser reports a refused upgrade
     * (401, 403) exactly as an unreachable server, so the message names the likely causes in
     * order and claims neither. The credential in the URL is redacted.
     */
    const refused = (url: string): string =>
      `Could not connect to ${url}: WebSocket connection failed. The runtime did not say why ` +
      '(browsers hide the HTTP status of a refused connection): check the URL and that the server is reachable, ' +
      'then the API key or the token (an invalid or expired one is refused this way)';
    const wsUrl = (param: 'apiKey' | 'token'): string => `${server.baseUrl.replace('http:', 'ws:')}/ws?${param}=…`;

    const connectFailure = (kind: 'apiKey' | 'token', baseUrl: string, credential: string) =>
      opened.page.evaluate(([k, url, c]) => window.harness.connectFailure(k, url, c), [kind, baseUrl, credential] as const);

    /** A typed ConnectionError (never AuthenticationError: the status is hidden) that names no credential. */
    const expectRefusal = async (kind: 'apiKey' | 'token', credential: string, url = wsUrl(kind), baseUrl = server.baseUrl): Promise<void> => {
      const failure = await connectFailure(kind, baseUrl, credential);
      if (failure === 'connected') throw new Error(`connect() with ${kind} ${credential} succeeded`);
      expect(failure).toMatchObject({ name: 'ConnectionError', instanceOf: 'ConnectionError', isHPKVError: true, code: undefined });
      expect(failure.message).toBe(refused(url));
      expect(failure.printed).not.toContain(credential);
    };

    it('a bad API key: a ConnectionError saying what it most likely means, without the key', async () => {
      await expectRefusal('apiKey', 'wrong-api-key-s3cret');
    });

    it('an invalid token: the same, without the token', async () => {
      await expectRefusal('token', 'not-a-token-s3cret');
    });

    it('an expired token (the server clock moved past its lifetime): the same, without the token', async () => {
      const token = server.issueToken({ subscribePatterns: ['any'] });
      // The same token connects while it is valid: expiry alone is what the browser is refused for.
      expect(await connectFailure('token', server.baseUrl, token)).toBe('connected');
      serverClockSkew = tokenTtlSeconds * 1000;
      await expectRefusal('token', token);
    });

    it('no server at all: word for word the same message, which is why it claims no cause', async () => {
      const nowhere = await closedPort();
      await expectRefusal('apiKey', server.apiKey, `ws://127.0.0.1:${nowhere}/ws?apiKey=…`, `http://127.0.0.1:${nowhere}`);
    });
  });

  it('the server drops every connection: the page reconnects by itself, re-sends its read, and live$ shows the value written meanwhile', async () => {
    const { page } = opened;
    await writer.set('drop:1', 'before');
    const token = server.issueToken({ subscribePatterns: ['drop:*'] });
    await page.evaluate(([url, t]) => window.harness.connectSubscriber('sub', url, t), [server.baseUrl, token]);
    await page.evaluate(() => window.harness.recordLive('live', 'sub', 'drop:1'));
    expect(await page.evaluate(() => window.harness.values('live', 1))).toEqual(['before']);

    // A read in flight when the connection goes: its reply is held, then lost with the socket.
    server.pauseReplies();
    expect(await page.evaluate(() => window.harness.startGet('read', 'sub', 'drop:1'))).toEqual({ messagesPending: 1, state: 'CONNECTED' });
    // Down until we say so, so the write below lands while the page is disconnected.
    server.refuseUpgrades(503);
    server.dropConnections();
    server.resumeReplies();
    await page.evaluate(() => window.harness.valueSeen('sub.events', 'reconnecting'));
    // Over REST: every WebSocket, the writer's too, is down and refused now.
    expect(await writeOverRest(server, 'drop:1', 'written while down')).toBe(200);
    server.refuseUpgrades(null);

    // The re-sent read is answered after the write: it was sent again, not replayed.
    expect(await page.evaluate(() => window.harness.values('read', 2))).toEqual(['written while down', 'complete']);
    expect(await page.evaluate(() => window.harness.valueSeen('live', 'written while down'))).toEqual(['before', 'written while down']);
    const events = await page.evaluate(() => window.harness.values('sub.events', 0));
    expect(events.filter((event) => event === 'connected')).toHaveLength(2);
    expect(events).toContain('disconnected');
    expect(events[events.length - 1]).toBe('connected');
  });

  it('catches what it must: an uncaught error and an unhandled rejection in the page are reported', async () => {
    const { page, errors } = opened;
    // Chromium reports both as page errors; the init script reports the rejection on the console too.
    const reported = Promise.all([
      page.waitForEvent('pageerror', (error) => error.message === 'deliberately uncaught'),
      page.waitForEvent('pageerror', (error) => error.message === 'deliberately unhandled'),
      page.waitForEvent('console', (message) => message.text().includes('deliberately unhandled')),
    ]);
    await page.evaluate(() => window.harness.misbehave());
    await reported;
    expect(errors.errors).toEqual(
      expect.arrayContaining(['Uncaught: Error: deliberately uncaught', 'Unhandled rejection: Error: deliberately unhandled']),
    );
    errors.errors.length = 0; // seen and asserted: the afterEach check is for the other tests
  });
});
