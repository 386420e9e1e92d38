import { map, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { HPKVError } from '../../lib/client/errors';
import { HPKVSubscriptionClient } from '../../lib/client/subscription-client';
import { createTestBackend } from '../../lib/testing';
import { FakeWebSocket, fakeSockets } from '../support/fake-web-socket';
import { upstreamObservers } from '../support/upstream-observers';

/** Every stream a user can take from a subscription client. */
const streams: Record<string, (client: HPKVSubscriptionClient) => Observable<unknown>> = {
  notifications$: (client) => client.notifications$,
  watch$: (client) => client.watch$('p:*'),
  'watch$ with resync': (client) => client.watch$('p:*', { resync: true }),
  live$: (client) => client.live$('p:1'),
  liveState$: (client) => client.liveState$('p:1'),
  liveRange$: (client) => client.liveRange$('p:', 'p:~'),
  liveRangeState$: (client) => client.liveRangeState$('p:', 'p:~'),
  synced$: (client) => client.synced$,
  events$: (client) => client.events$,
  state$: (client) => client.state$,
  throttling$: (client) => client.throttling$,
};

const ways: Record<string, <T>(stream: Observable<T>) => Observable<T>> = {
  directly: (stream) => stream,
  'through .pipe(map(x => x))': (stream) => stream.pipe(map((x) => x)),
};

describe('HPKVSubscriptionClient streams: torn down when their subscriber leaves', () => {
  const clients: HPKVSubscriptionClient[] = [];
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
  });

  /** A connected client over a fake socket, default settings (throttling on). */
  function connected(): HPKVSubscriptionClient {
    const sockets = fakeSockets();
    const client = new HPKVSubscriptionClient('token', 'http://h', { webSocketFactory: sockets.factory });
    clients.push(client);
    void client.connect();
    sockets.last().open();
    return client;
  }

  const held = (client: HPKVSubscriptionClient): number => upstreamObservers(client, (value) => value instanceof FakeWebSocket);

  describe.each(Object.keys(ways))('%s', (way) => {
    it.each(Object.keys(streams))('%s: 1,000 subscribe/unsubscribe cycles leave no observer and no cached entry behind', (name) => {
      const client = connected();
      const take = (): Observable<unknown> => ways[way](streams[name](client));
      take().subscribe().unsubscribe(); // warm-up: anything created once and kept on purpose
      const before = held(client);

      const subscription = take().subscribe();
      expect(held(client)).toBeGreaterThan(before); // the stream did reach upstream
      subscription.unsubscribe();
      expect(held(client)).toBe(before);

      for (let i = 0; i < 1000; i++) take().subscribe().unsubscribe();
      expect(held(client)).toBe(before);
    });
  });
});

describe('HPKVSubscriptionClient.watch$ options', () => {
  const client = new HPKVSubscriptionClient('token', 'http://h', { webSocketFactory: fakeSockets().factory });
  afterAll(() => client.destroy());

  const errorOf = (stream: Observable<unknown>): unknown => {
    let error: unknown;
    stream.subscribe({ error: (caught: unknown) => (error = caught) });
    return error;
  };

  it.each(['product:1', 'a*b', '*a', '^product:.*'])('refuses resync for %j, which no RANGE can re-read, with HPKVError 400 at subscribe', (pattern) => {
    const error = errorOf(client.watch$(pattern, { resync: true }));
    expect(error).toBeInstanceOf(HPKVError);
    expect(error).toMatchObject({ code: 400 });
    expect((error as Error).message).toBe(
      `watch$(${JSON.stringify(pattern)}, { resync: true }) needs a prefix pattern such as 'product:*' (one '*', at the end): only a prefix can be re-read with RANGE. Watch it without resync, or use liveRange$`,
    );
  });

  it.each([[{ resync: 'yes' }], [null], ['resync']])('refuses options %j with HPKVError 400', (options) => {
    expect(errorOf(client.watch$('p:*', options as never))).toMatchObject({ code: 400, message: 'Invalid watch$ options: give { resync?: boolean }' });
  });
});

describe('HPKVSubscriptionClient continuity, whole client (marble time, hpkv-rx/testing backend)', () => {
  it('says when its data may be stale and when it is current again: liveState$, synced$ and a resynced watch$ across a drop', () => {
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    const log: string[] = [];
    scheduler.run(() => {
      const backend = createTestBackend({ latency: 1 });
      backend.seed({ 'p:1': 'a', 'p:2': 'b' });
      const client = backend.subscriptionClient({ subscribePatterns: ['p:*'] }, { initialDelayBetweenReconnects: 100 });
      const at = (text: string): number => log.push(`${scheduler.now()} ${text}`);
      client.synced$.subscribe((synced) => at(`synced ${synced}`));
      client.liveState$('p:1').subscribe(({ value, stale }) => at(`p:1 ${value} ${stale ? 'stale' : 'fresh'}`));
      client.watch$('p:*', { resync: true }).subscribe((event) => at(event.type === 'gap' ? `gap ${event.since}-${event.until}` : `watch ${event.key}=${event.value}${event.resynced ? ' (resynced)' : ''}`));
      void client.connect();
      scheduler.schedule(() => backend.dropConnections(), 10);
      scheduler.schedule(() => backend.write('p:1', 'written while down'), 50);
      scheduler.schedule(() => backend.write('p:2', null), 50);
      scheduler.schedule(() => client.destroy(), 200);
    });
    expect(log).toEqual([
      '0 synced false',
      '0 p:1 undefined stale',
      // open at 0; the GET and the RANGE reach the engine at 1, their replies the client at 2
      '2 p:1 a fresh',
      '2 watch p:1=a (resynced)',
      '2 watch p:2=b (resynced)',
      '2 synced true',
      '10 synced false',
      '10 p:1 a stale',
      // reconnected at 10 + 100 (the backoff); re-read by 112
      '110 gap 10-110',
      '112 p:1 written while down fresh',
      '112 watch p:1=written while down (resynced)',
      '112 watch p:2=null (resynced)',
      '112 synced true',
      // destroy(): disconnected, then everything completes
      '200 synced false',
      '200 p:1 written while down stale',
    ]);
  });

  it('after reconnecting gave up, a state stream stays stale (not silent) and resumes when connect() succeeds again', () => {
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    const log: string[] = [];
    scheduler.run(() => {
      const backend = createTestBackend({ latency: 1 });
      backend.seed({ k: 'v1' });
      const client = backend.subscriptionClient({ subscribePatterns: ['k'] }, { maxReconnectAttempts: 0 });
      client.on('reconnectFailed', () => log.push(`${scheduler.now()} reconnectFailed`));
      client.liveState$('k').subscribe(({ value, stale }) => log.push(`${scheduler.now()} ${value} ${stale ? 'stale' : 'fresh'}`));
      void client.connect();
      scheduler.schedule(() => backend.dropConnections(), 10);
      scheduler.schedule(() => backend.write('k', 'v2'), 20);
      scheduler.schedule(() => void client.connect(), 30);
      scheduler.schedule(() => client.destroy(), 100);
    });
    expect(log).toEqual(['0 undefined stale', '2 v1 fresh', '10 v1 stale', '10 reconnectFailed', '32 v2 fresh', '100 v2 stale']);
  });
});
