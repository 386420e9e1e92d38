import { TestScheduler } from 'rxjs/testing';
import { AuthenticationError, HPKVClientFactory, TimeoutError } from '../../lib/client';
import { createTestBackend } from '../../lib/testing';

describe('createTestBackend (hpkv-rx/testing)', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  it('answers get$ after one hop each way, in virtual time', () => {
    scheduler.run(({ expectObservable }) => {
      const backend = createTestBackend({ latency: 3 });
      backend.seed({ k: 'v' });
      const client = backend.apiClient();
      void client.connect();
      expectObservable(client.get$('k')).toBe('------(a|)', { a: { code: 200, key: 'k', value: 'v', messageId: 1 } });
    });
  });

  it('times requests out in virtual time when the backend is slower than the timeout', () => {
    scheduler.run(({ expectObservable }) => {
      const backend = createTestBackend({ latency: 100 });
      const client = backend.apiClient();
      void client.connect();
      expectObservable(client.get$('k', 50)).toBe('50ms #', undefined, new TimeoutError("GET 'k' got no reply within 50 ms"));
    });
  });

  it('refuses a wrong key like the server: AuthenticationError, no retry', async () => {
    const backend = createTestBackend();
    const wrong = HPKVClientFactory.createApiClient('wrong', backend.baseUrl, backend.config());
    await expect(wrong.connect()).rejects.toBeInstanceOf(AuthenticationError);
    expect(wrong.getConnectionState()).toBe('DISCONNECTED');
    wrong.destroy();
  });

  it('scripts writes as marbles and reconnects through dropConnections() with virtual backoff', () => {
    scheduler.run(({ expectObservable }) => {
      const backend = createTestBackend();
      backend.writes('-a 20ms b', { a: ['doc', 'v1'], b: ['doc', 'v2'] });
      const client = backend.subscriptionClient({ subscribePatterns: ['doc'] }, { initialDelayBetweenReconnects: 10 });
      const connectedAt: number[] = [];
      client.on('connected', () => connectedAt.push(scheduler.now()));
      void client.connect();
      scheduler.schedule(() => backend.dropConnections(), 5);
      // null (missing) at 0, the write at 1; dropped at 5, back at 15 (backoff 10 ms), the re-read
      // finds v1 again (no repeat), then the write at 22.
      expectObservable(client.live$('doc'), '^ 30ms !').toBe('ab 20ms c', { a: null, b: 'v1', c: 'v2' });
      scheduler.schedule(() => expect(connectedAt).toEqual([0, 15]), 30);
    });
  });
});
