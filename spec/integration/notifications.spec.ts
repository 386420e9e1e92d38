import { filter, firstValueFrom, map, take, toArray } from 'rxjs';
import { HPKVClientFactory, isWatchNotification, type ConnectionConfig, type HPKVApiClient, type HPKVSubscriptionClient } from '../../lib/client';
import { startLocalServer, type LocalServer } from '../../lib/server';
import { upstreamObservers } from '../support/upstream-observers';

const FAST: ConnectionConfig = { throttling: { enabled: false }, initialDelayBetweenReconnects: 5, maxDelayBetweenReconnects: 20, maxReconnectAttempts: 50, jitterMs: 0 };

describe('notifications over real sockets', () => {
  let server: LocalServer;
  let writer: HPKVApiClient;
  const subscribers: HPKVSubscriptionClient[] = [];
  const subscriber = async (patterns: string[]): Promise<HPKVSubscriptionClient> => {
    const config = { ...FAST, maxReconnectAttempts: 50, maxDelayBetweenReconnects: 20 };
    const client = HPKVClientFactory.createSubscriptionClient(server.issueToken({ subscribePatterns: patterns }), server.baseUrl, config);
    subscribers.push(client);
    await client.connect();
    return client;
  };

  beforeEach(async () => {
    server = await startLocalServer();
    writer = HPKVClientFactory.createApiClient(server.apiKey, server.baseUrl, FAST);
    await writer.connect();
  });
  afterEach(async () => {
    for (const client of subscribers.splice(0)) client.destroy();
    writer.destroy();
    await server.close();
  });

  it('delivers to watch$ on several patterns and clients, deletes as null', async () => {
    const shop = await subscriber(['product:*', 'order:*']);
    const other = await subscriber(['product:1']);
    const products = firstValueFrom(shop.watch$('product:*').pipe(filter(isWatchNotification), take(3), toArray()));
    const orders = firstValueFrom(shop.watch$('^order:\\d+$').pipe(filter(isWatchNotification), take(1), toArray()));
    const single = firstValueFrom(other.watch$('product:1').pipe(filter(isWatchNotification), take(2), toArray()));
    await writer.set('product:1', 'a');
    await writer.set('order:7', 'o');
    await writer.set('product:2', 'b');
    await writer.delete('product:1');
    expect((await products).map(({ key, value }) => [key, value])).toEqual([
      ['product:1', 'a'],
      ['product:2', 'b'],
      ['product:1', null],
    ]);
    expect((await orders).map(({ key }) => key)).toEqual(['order:7']);
    expect((await single).map(({ value }) => value)).toEqual(['a', null]);
  });

  it('calls subscribe() callbacks; a throwing one is reported on error and the others still receive', async () => {
    const client = await subscriber(['cb:*']);
    const errors: Error[] = [];
    client.on('error', (error) => errors.push(error));
    client.subscribe(() => {
      throw new Error('callback bug');
    });
    const received = new Promise<string>((resolve) => client.subscribe((notification) => resolve(notification.key)));
    const removed = client.subscribe(() => errors.push(new Error('unsubscribed callback called')));
    client.unsubscribe(removed);
    await writer.set('cb:1', 'v');
    expect(await received).toBe('cb:1');
    expect(errors.map((error) => error.message)).toEqual(['A subscribe() callback threw: callback bug']);
  });

  it('keeps watch$ and live$ going across a reconnect; watch$ reports the gap, live$ shows the value written while it was down', async () => {
    const client = await subscriber(['doc:*']);
    await writer.set('doc:1', 'v1');
    const watched: (string | number | null)[] = [];
    client.watch$('doc:*').subscribe((event) => watched.push(event.type === 'gap' ? 'gap' : event.value));
    const live: (string | number | null)[] = [];
    client.live$('doc:1').subscribe((value) => live.push(value));
    await firstValueFrom(client.live$('doc:1').pipe(filter((value) => value === 'v1')));

    server.refuseUpgrades(503);
    server.dropConnections();
    await firstValueFrom(client.state$.pipe(filter((state) => state === 'RECONNECTING')));
    // Written while the subscriber is down: no notification can reach it, only the re-read.
    server.engine.store.set('doc:1', 'written while the subscriber was down');
    server.refuseUpgrades(null);
    await firstValueFrom(client.live$('doc:1').pipe(filter((value) => value === 'written while the subscriber was down')));
    await firstValueFrom(writer.state$.pipe(filter((state) => state === 'CONNECTED')));

    await writer.set('doc:1', 'after reconnect');
    await firstValueFrom(client.watch$('doc:*').pipe(filter((event) => event.type === 'notification' && event.value === 'after reconnect')));
    expect(live).toEqual(['v1', 'written while the subscriber was down', 'after reconnect']);
    expect(watched).toEqual(['v1', 'gap', 'after reconnect']);
  });

  it('keeps liveRange$ current from notifications', async () => {
    const client = await subscriber(['list:*']);
    await writer.set('list:b', '2');
    const snapshots = firstValueFrom(client.liveRange$('list:', 'list:~').pipe(take(3), toArray()));
    await firstValueFrom(client.liveRange$('list:', 'list:~'));
    await writer.set('list:a', '1');
    await writer.delete('list:b');
    expect((await snapshots).map((records) => records.map(({ key }) => key))).toEqual([['list:b'], ['list:a', 'list:b'], ['list:a']]);
  });

  it('scan$ pages through more than the server returns in one RANGE', async () => {
    await Promise.all(Array.from({ length: 1203 }, (_, i) => writer.set(`scan:${String(i).padStart(4, '0')}`, 'x')));
    const pages = await firstValueFrom(writer.scan$('scan:', 'scan:~').pipe(toArray()));
    expect(pages.map((page) => page.length)).toEqual([1000, 203]);
  });

  it('tears down piped live$ and watch$ subscriptions (2,000 components come and go) and keeps serving the one that stays', async () => {
    const client = await subscriber(['churn:*']);
    await writer.set('churn:1', '"v1"');
    // Settles either way, so a failing assertion below cannot leave it rejecting unhandled.
    const stays = firstValueFrom(client.live$('churn:1').pipe(map((value) => JSON.parse(String(value)) as string), filter((value) => value === 'v2'))).catch(
      (error: unknown) => error,
    );
    const before = upstreamObservers(client);
    for (let i = 0; i < 2000; i++) {
      client.live$('churn:1').pipe(map((value) => JSON.parse(String(value)) as string)).subscribe().unsubscribe();
      client.watch$(`churn:${i % 7}*`).pipe(map((event) => event.type)).subscribe().unsubscribe();
    }
    expect(upstreamObservers(client)).toBe(before);
    await writer.set('churn:1', '"v2"');
    expect(await stays).toBe('v2');
    expect(client.getConnectionStats().messagesPending).toBe(0);
  });
});
