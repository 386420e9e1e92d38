import * as official from '@hpkv/websocket-client';
import * as ours from '../../lib/client';

describe('hpkv-rx exports: what code written for the official SDK imports', () => {
  it('exports every runtime name of the official SDK a user reasonably imports', () => {
    // MessageHandler and createWebSocket are the official client's internals (its request map and
    // its socket wrapper), with no role in a user's code: deliberately not mirrored. ('default' is
    // the CommonJS interop namespace, not an export.)
    const internals = new Set(['MessageHandler', 'createWebSocket', 'default']);
    const missing = Object.keys(official).filter((name) => !internals.has(name) && !(name in ours));
    expect(missing).toEqual([]);
  });

  it('has the same WS_CONSTANTS, enums and error names', () => {
    expect(ours.WS_CONSTANTS).toEqual(official.WS_CONSTANTS);
    expect({ ...ours.ConnectionState }).toEqual({ ...official.ConnectionState });
    expect({ ...ours.HPKVOperation }).toEqual({ ...official.HPKVOperation });
    for (const name of ['HPKVError', 'ConnectionError', 'TimeoutError', 'AuthenticationError'] as const) {
      expect(new ours[name]('x').name).toBe(new official[name]('x').name);
    }
  });

  it('makes both clients BaseWebSocketClients', () => {
    const api = ours.HPKVClientFactory.createApiClient('k', 'http://h');
    const subscription = ours.HPKVClientFactory.createSubscriptionClient('t', 'http://h');
    expect(api).toBeInstanceOf(ours.BaseWebSocketClient);
    expect(subscription).toBeInstanceOf(ours.BaseWebSocketClient);
    api.destroy();
    subscription.destroy();
  });

  it('gives ThrottlingManager the official API: throttleRequest(), notify429(), getMetrics(), config, destroy()', async () => {
    const limiter = new ours.ThrottlingManager({ enabled: true, rateLimit: 10 });
    await expect(limiter.throttleRequest()).resolves.toBeUndefined();
    limiter.notify429();
    expect(limiter.getMetrics().currentRate).toBe(5);
    expect(limiter.config).toEqual({ enabled: true, rateLimit: 10, retryOn429: false });
    limiter.destroy();
    await expect(limiter.throttleRequest()).rejects.toThrow('The client was destroyed');
  });
});
