import '../support/zone-node';
import { NgZone } from '@angular/core';
import { BehaviorSubject, map, startWith, Subject, take, type Observable } from 'rxjs';
import { HPKVClientFactory, type ConnectionConfig, type HPKVApiClient, type HPKVSubscriptionClient } from '../../lib/client';
import { angularClient } from '../../lib/angular/angular-client';
import { CLIENT_MEMBERS } from '../../lib/angular/client-members';
import { type HpkvClient } from '../../lib/angular/hpkv-client';
import { startLocalServer, type LocalServer } from '../../lib/server';
import { countingTasks } from '../support/counting-tasks';

const FAST: ConnectionConfig = { throttling: { enabled: false }, initialDelayBetweenReconnects: 5, jitterMs: 0 };

const where = (): string => (NgZone.isInAngularZone() ? 'inside' : 'outside');

/** Subscribes inside the zone; resolves with where the first value arrived. */
function whereItArrives<T>(zone: NgZone, source: () => Observable<T>): Promise<string> {
  return new Promise((resolve, reject) => zone.run(() => source().pipe(take(1)).subscribe({ next: () => resolve(where()), error: reject })));
}

/** Subscribes inside the zone to a stream that ends; resolves with where each notification arrived. */
function whereEachArrives<T>(zone: NgZone, source: () => Observable<T>): Promise<string[]> {
  const log: string[] = [];
  return new Promise((resolve) =>
    zone.run(() =>
      source().subscribe({
        next: () => log.push(`next:${where()}`),
        error: () => resolve([...log, `error:${where()}`]),
        complete: () => resolve([...log, `complete:${where()}`]),
      }),
    ),
  );
}

describe('angularClient (over a real server, the client created outside the zone)', () => {
  let server: LocalServer;
  let zone: NgZone;
  let raw: HPKVSubscriptionClient;
  let hpkv: HpkvClient;
  const clients: (HPKVApiClient | HPKVSubscriptionClient)[] = [];

  beforeEach(async () => {
    server = await startLocalServer({ port: 0 });
    zone = new NgZone({ enableLongStackTrace: false });
    raw = HPKVClientFactory.createSubscriptionClient(server.issueToken({ subscribePatterns: ['*'] }), server.baseUrl, FAST);
    clients.push(raw);
    hpkv = angularClient(raw, { zone, pendingTasks: countingTasks(), requestsContributeToStability: false });
    await raw.connect();
    await raw.set('k', 'v');
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.waitForConnections(0); // every socket closed while zone.js is loaded
    await server.close();
  });

  it('delivers every one-shot Observable operation inside the zone (value and completion)', async () => {
    const operations: [string, () => Observable<unknown>][] = [
      ['get$', () => hpkv.get$('k')],
      ['set$', () => hpkv.set$('k2', { a: 1 })],
      ['patch$', () => hpkv.patch$('k2', { b: 2 })],
      ['atomicIncrement$', () => hpkv.atomicIncrement$('n', 1)],
      ['range$', () => hpkv.range$('a', 'z')],
      ['scan$', () => hpkv.scan$('a', 'z')],
      ['delete$', () => hpkv.delete$('k2')],
      ['get$ through map', () => hpkv.get$('k').pipe(map((reply) => reply.value))],
    ];
    for (const [name, operation] of operations) {
      expect([name, await whereEachArrives(zone, operation)]).toEqual([name, ['next:inside', 'complete:inside']]);
    }
  });

  it('delivers errors inside the zone: a refused request, an error reply', async () => {
    expect(await whereEachArrives(zone, () => hpkv.get$(''))).toEqual(['error:inside']);
    expect(await whereEachArrives(zone, () => hpkv.get$('missing'))).toEqual(['error:inside']);
  });

  it('delivers watch$, live$, liveRange$ and every feed inside the zone', async () => {
    const arrivals = Promise.all([
      whereItArrives(zone, () => hpkv.watch$('w:*')),
      whereItArrives(zone, () => hpkv.live$('w:1').pipe(take(2))),
      whereItArrives(zone, () => hpkv.liveRange$('w:', 'w:~')),
      whereItArrives(zone, () => hpkv.notifications$),
      whereItArrives(zone, () => hpkv.state$),
      whereItArrives(zone, () => hpkv.throttling$),
    ]);
    const events = whereItArrives(zone, () => hpkv.events$);
    await hpkv.set('w:1', 'x');
    expect(await arrivals).toEqual(['inside', 'inside', 'inside', 'inside', 'inside', 'inside']);
    hpkv.updateThrottlingConfig({ rateLimit: 5 });
    raw.on('error', () => undefined);
    server.sendRaw('not json'); // a ProtocolError on the `error` event
    expect(await events).toBe('inside');
  });

  it('runs the plain client outside the zone when it was created there: why the wrapper exists', async () => {
    expect(await whereItArrives(zone, () => raw.get$('k'))).toBe('outside');
    const notification = whereItArrives(zone, () => raw.watch$('p:*'));
    await raw.set('p:1', 'x');
    expect(await notification).toBe('outside');
  });

  it('settles every Promise method inside the zone, and runs its work outside', async () => {
    const calls: [string, () => Promise<unknown>][] = [
      ['get', () => hpkv.get('k')],
      ['set', () => hpkv.set('k3', 'v')],
      ['patch', () => hpkv.patch('k3', 'w')],
      ['atomicIncrement', () => hpkv.atomicIncrement('n', 2)],
      ['range', () => hpkv.range('a', 'z')],
      ['delete', () => hpkv.delete('k3')],
      ['disconnect', () => hpkv.disconnect()],
      ['connect', () => hpkv.connect()],
    ];
    for (const [name, call] of calls) {
      expect([name, await zone.run(() => call().then(where))]).toEqual([name, 'inside']);
    }
    const rejected = await zone.run(() => hpkv.get('missing').catch(where));
    expect(rejected).toBe('inside');
  });

  it('calls on() listeners and subscribe() callbacks inside the zone; off() and unsubscribe() remove them', async () => {
    const log: string[] = [];
    const listener = () => log.push(`connected:${where()}`);
    const removed = () => log.push('removed listener called');
    zone.run(() => {
      hpkv.on('connected', listener);
      hpkv.on('connected', listener); // once, as with the client
      hpkv.on('connected', removed);
      hpkv.off('connected', removed);
    });
    const received = new Promise<string>((resolve) =>
      zone.run(() => hpkv.subscribe(() => resolve(`notification:${where()}`))),
    );
    const id = hpkv.subscribe(() => log.push('unsubscribed callback called'));
    hpkv.unsubscribe(id);
    await hpkv.disconnect();
    await hpkv.connect();
    await hpkv.set('c:1', 'x');
    expect(await received).toBe('notification:inside');
    expect(log).toEqual(['connected:inside']);
    hpkv.off('connected', listener);
    await hpkv.disconnect();
    await hpkv.connect();
    expect(log).toEqual(['connected:inside']);
  });

  it('exposes every listed member but destroy(), which the injector owns', () => {
    const members = Object.entries(CLIENT_MEMBERS).filter(([, kind]) => kind !== 'owned').map(([name]) => name);
    expect(Object.keys(hpkv).sort()).toEqual(members.sort());
    expect('destroy' in hpkv).toBe(false);
  });

  it('holds stability for a state form (liveState$ kind) until a value has been read, not at its first, unread emission', () => {
    const states = new Subject<{ value: string | undefined; stale: boolean }>();
    const stateClient = { state$: new BehaviorSubject('CONNECTED'), liveState$: () => states.pipe(startWith({ value: undefined, stale: true })) };
    const tasks = countingTasks();
    const wrapped = angularClient(stateClient as unknown as HPKVSubscriptionClient, {
      zone,
      pendingTasks: tasks,
      requestsContributeToStability: false,
      members: { state$: 'feed$', liveState$: 'liveState$' },
    }) as unknown as typeof stateClient;
    const seen: unknown[] = [];
    const subscription = zone.run(() => wrapped.liveState$().subscribe((state) => seen.push(state)));
    expect(seen).toEqual([{ value: undefined, stale: true }]);
    expect(tasks.pending).toBe(1);
    states.next({ value: 'v', stale: false });
    expect(tasks.pending).toBe(0);
    subscription.unsubscribe();
    expect(states.observed).toBe(false);
  });

  it("wraps an API client's members only: no notification members", () => {
    const api = HPKVClientFactory.createApiClient(server.apiKey, server.baseUrl, FAST);
    clients.push(api);
    const wrapped = angularClient(api, { zone, pendingTasks: countingTasks(), requestsContributeToStability: false });
    for (const name of ['watch$', 'live$', 'liveRange$', 'subscribe', 'unsubscribe', 'destroy']) expect(name in wrapped).toBe(false);
    expect(typeof wrapped.get$).toBe('function');
  });
});
