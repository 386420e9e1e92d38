import { HPKVClientFactory } from '@hpkv/websocket-client';
import { type BenchClient, type BenchSubscriber, type BenchTarget } from './bench-client';

/** The official SDK, throttling disabled (it would cap everything at 10 requests/s). */
export async function officialClient(target: BenchTarget): Promise<BenchClient> {
  const client = HPKVClientFactory.createApiClient(target.apiKey, target.baseUrl, { throttling: { enabled: false } });
  await client.connect();
  return {
    name: 'official SDK',
    get: (key, timeoutMs) => client.get(key, timeoutMs),
    async close() {
      await client.disconnect(true).catch(() => undefined);
      client.destroy();
    },
  };
}

export async function officialSubscriber(target: BenchTarget, token: string): Promise<BenchSubscriber> {
  const client = HPKVClientFactory.createSubscriptionClient(token, target.baseUrl, { throttling: { enabled: false } });
  await client.connect();
  let count = 0;
  let waiter: { count: number; resolve: () => void } | undefined;
  client.subscribe(() => {
    count++;
    if (waiter !== undefined && count >= waiter.count) waiter.resolve();
  });
  return {
    name: 'official subscribe()',
    received(total) {
      return new Promise((resolve) => {
        waiter = { count: count + total, resolve };
      });
    },
    async close() {
      await client.disconnect().catch(() => undefined);
      client.destroy();
    },
  };
}
