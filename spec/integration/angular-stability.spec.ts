/**
 * The proofs of hpkv-rx/angular against a real local server and a real Angular application
 * (zone.js): the app becomes stable while streams stay open and a request is unanswered; a plain
 * client does not; live streams hold stability until their first value only; destroying the
 * injector leaves no socket and no timer. Runs on the newest and the oldest Angular supported.
 */
import '../support/zone-node';
import { createEnvironmentInjector, type ApplicationRef, type NgZone } from '@angular/core';
import { filter, firstValueFrom, type Observable } from 'rxjs';
import WebSocket from 'ws';
import { HPKVClientFactory, type ConnectionConfig, type HPKVSubscriptionClient, type WebSocketLike } from '../../lib/client';
import { HPKV, provideHpkv } from '../../lib/angular';
import { startLocalServer, type LocalServer } from '../../lib/server';
import { startApp, type TestApp } from '../support/angular-app';

const isStable = (app: ApplicationRef): boolean => {
  let stable = false;
  app.isStable.subscribe((value) => (stable = value)).unsubscribe();
  return stable;
};

/** Subscribes inside the zone, as a component would; resolves at the first value. */
function firstInside<T>(zone: NgZone, source: Observable<T>): Promise<T> {
  return new Promise((resolve, reject) => zone.run(() => source.subscribe({ next: resolve, error: reject })));
}

/** Open handles (timers, sockets…) by kind: what `jest --detectOpenHandles` would complain about. */
function openHandles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

/** The kinds of which there are more open handles now than in `baseline`. */
function handlesAbove(baseline: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(openHandles()).filter(([kind, count]) => count > (baseline[kind] ?? 0)));
}

describe('hpkv-rx/angular in a zone.js application, over a real server', () => {
  let server: LocalServer;
  let testApp: TestApp | undefined;
  let client: HPKVSubscriptionClient | undefined;
  const subscriptionClient = (config?: ConnectionConfig): HPKVSubscriptionClient =>
    (client = HPKVClientFactory.createSubscriptionClient(server.issueToken({ subscribePatterns: ['*'] }), server.baseUrl, config));

  beforeEach(async () => {
    server = await startLocalServer({ port: 0 });
    server.engine.store.set('product:1', 'lamp');
  });
  afterEach(async () => {
    testApp?.destroy();
    testApp = undefined;
    client?.destroy();
    client = undefined;
    await server.waitForConnections(0);
    await server.close();
  });

  it('is stable while watch$ and live$ stay open and a request goes unanswered', async () => {
    testApp = await startApp([provideHpkv(() => subscriptionClient())]);
    const { app, zone, injector } = testApp;
    const hpkv = injector.get(HPKV); // connects
    await firstValueFrom(hpkv.state$.pipe(filter((state) => state === 'CONNECTED')));
    // Subscribed from the app's zone once connected, live$'s read is the client's first request.
    const watched = firstInside(zone, hpkv.watch$('product:*'));
    expect(await firstInside(zone, hpkv.live$('product:1'))).toBe('lamp');
    await zone.run(() => hpkv.set('product:2', 'desk'));
    expect(await watched).toMatchObject({ type: 'notification', key: 'product:2' });
    expect(zone.hasPendingMacrotasks).toBe(false); // no timer of the client in the app's zone, at once

    server.pauseReplies();
    let settled = false;
    zone.run(() => hpkv.get$('product:2').subscribe(() => (settled = true)));
    const unanswered = zone.run(() => hpkv.get('product:2')).finally(() => (settled = true));
    await app.whenStable(); // while it waits for a throttling slot (a timer), if it has to
    await firstValueFrom(hpkv.throttling$.pipe(filter((metrics) => metrics.queueLength === 0)));
    expect(zone.hasPendingMacrotasks).toBe(false); // its deadline is a timer, outside
    await app.whenStable(); // while it waits for a reply
    expect(isStable(app)).toBe(true);
    expect(hpkv.getConnectionStats().messagesPending).toBe(2);
    expect(settled).toBe(false);

    server.resumeReplies(); // the request was only waiting: it settles, the streams are still open
    await expect(unanswered).resolves.toMatchObject({ value: 'desk' });
    const changed = firstInside(zone, hpkv.live$('product:1').pipe(filter((value) => value === 'desk lamp')));
    await zone.run(() => hpkv.set('product:1', 'desk lamp'));
    await changed;
  });

  it('shows why it exists: a plain client used inside the zone keeps the app unstable', async () => {
    testApp = await startApp([]);
    const { app, zone } = testApp;
    const plain = zone.run(() => subscriptionClient());
    await zone.run(() => plain.connect());
    const watched = firstInside(zone, plain.watch$('product:*'));
    expect(await firstInside(zone, plain.live$('product:1'))).toBe('lamp');
    await zone.run(() => plain.set('product:2', 'desk'));
    await watched;

    server.pauseReplies();
    const unanswered = zone.run(() => plain.get('product:2')).catch((error: unknown) => error);
    await new Promise(setImmediate); // the client arms deadlines when the turn ends
    expect(zone.hasPendingMacrotasks).toBe(true); // the request's deadline is a timer in the app's zone
    expect(isStable(app)).toBe(false);
    plain.destroy(); // only tearing the client down frees the zone
    await unanswered;
    await app.whenStable();
  });

  it('holds stability while a live$ waits for its first value, and releases it at that value', async () => {
    testApp = await startApp([provideHpkv(() => subscriptionClient())]);
    const { app, zone, injector } = testApp;
    const hpkv = injector.get(HPKV);
    await firstValueFrom(hpkv.state$.pipe(filter((state) => state === 'CONNECTED')));
    await app.whenStable();

    server.pauseReplies();
    const values: unknown[] = [];
    const subscription = zone.run(() => hpkv.live$('product:1').subscribe((value) => values.push(value)));
    expect(isStable(app)).toBe(false);
    server.resumeReplies();
    await app.whenStable();
    expect(values).toEqual(['lamp']);
    expect(subscription.closed).toBe(false); // stable with the stream still open
    subscription.unsubscribe();
  });

  it('destroying the environment injector closes the socket and leaves no timer behind', async () => {
    testApp = await startApp([]);
    const { app, zone, injector } = testApp;
    await app.whenStable();
    const sockets: WebSocket[] = [];
    const baseline = openHandles();
    // A route's environment injector, say: it owns the client, the app lives on.
    const route = createEnvironmentInjector(
      [
        provideHpkv(() =>
          subscriptionClient({
            // ws itself (its on* handlers fit WebSocketLike), to wait for its 'close'.
            webSocketFactory: (url) => {
              const socket = new WebSocket(url);
              sockets.push(socket);
              return socket as unknown as WebSocketLike;
            },
          }),
        ),
      ],
      injector,
    );
    const hpkv = route.get(HPKV);
    const ended = new Promise<string>((resolve) => zone.run(() => hpkv.live$('product:1').subscribe({ complete: () => resolve('completed') })));
    await firstInside(zone, hpkv.live$('product:1'));
    server.pauseReplies();
    const unanswered = zone.run(() => hpkv.get('product:1')).catch((error: unknown) => error);
    await new Promise(setImmediate); // the client arms deadlines when the turn ends
    expect(handlesAbove(baseline)).toMatchObject({ Timeout: expect.any(Number) }); // the request's deadline, at least

    route.destroy();
    await server.waitForConnections(0);
    await Promise.all(sockets.map((socket) => new Promise((resolve) => (socket.readyState === WebSocket.CLOSED ? resolve(null) : socket.once('close', resolve)))));
    expect(await unanswered).toMatchObject({ name: 'ConnectionError' });
    expect(await ended).toBe('completed');
    expect(handlesAbove(baseline)).toEqual({});
    client = undefined; // destroyed with the injector
    await app.whenStable();
  });

  it('destroying the application destroys the client', async () => {
    testApp = await startApp([provideHpkv(() => subscriptionClient())]);
    const hpkv = testApp.injector.get(HPKV);
    await firstInside(testApp.zone, hpkv.live$('product:1'));
    expect(server.connectionCount).toBe(1);
    testApp.destroy();
    testApp = undefined;
    client = undefined;
    await server.waitForConnections(0);
    await expect(hpkv.connect()).rejects.toThrow(/destroyed/);
  });
});
