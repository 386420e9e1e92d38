import { HPKVClientFactory, TimeoutError } from '../../lib/client';
import { startLocalServer, type LocalServer } from '../../lib/server';
import { startFaultProxy, type FaultProxy } from '../../lib/testing';

/** The README's fault proxy example, verbatim, so the README cannot drift from the kit. */
describe('README fault proxy example', () => {
  let server: LocalServer;
  let proxy: FaultProxy;

  beforeEach(async () => {
    server = await startLocalServer({ port: 0 });
    proxy = await startFaultProxy(server.baseUrl); // clients connect to proxy.baseUrl
  });
  afterEach(async () => {
    await proxy.close();
    await server.close();
  });

  it('comes back after the network drops, and after it stalls', async () => {
    const client = HPKVClientFactory.createApiClient(server.apiKey, proxy.baseUrl, { initialDelayBetweenReconnects: 10 });
    await client.connect();

    proxy.cut(); // both sides reset, as when the Wi-Fi drops
    await proxy.waitForAccepted(2); // the client came back by itself
    await expect(client.set('cart:1', 'ok')).resolves.toMatchObject({ code: 200 });

    proxy.blackhole(); // silence, nothing closes: a sleeping laptop
    await expect(client.get('cart:1', 200)).rejects.toBeInstanceOf(TimeoutError);
    proxy.heal();
    await expect(client.get('cart:1')).resolves.toMatchObject({ value: 'ok' });
    client.destroy();
  });
});
