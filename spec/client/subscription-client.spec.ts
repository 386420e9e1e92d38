import { map, type Observable } from 'rxjs';
import { HPKVSubscriptionClient } from '../../lib/client/subscription-client';
import { FakeWebSocket, fakeSockets } from '../support/fake-web-socket';
import { upstreamObservers } from '../support/upstream-observers';

/** Every stream a user can take from a subscription client. */
const streams: Record<string, (client: HPKVSubscriptionClient) => Observable<unknown>> = {
  notifications$: (client) => client.notifications$,
  watch$: (client) => client.watch$('p:*'),
  live$: (client) => client.live$('p:1'),
  liveRange$: (client) => client.liveRange$('p:', 'p:~'),
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
