import { HPKVClientFactory } from '@hpkv/websocket-client';
import { NotificationCounter } from './notification-counter';
import { type BenchClient, type BenchSubscriber, type BenchTarget } from './bench-client';

/** The official SDK, throttling disabled (it would cap everything at 10 requests/s). */
export async function officialClient(target: BenchTarget): Promise<BenchClient> {
  const client = HPKVClientFactory.createApiClient(target.apiKey, target.baseUrl, { throttling: { enabled: false } });
  await client.connect();
  return {
    name: 'official SDK',
    get(key, settle, timeoutMs) {
      client.get(key, timeoutMs).then(settle.next, settle.error);
    },
    async close() {
      await client.disconnect(true).catch(() => undefined);
      client.destroy();
    },
  };
}

export async function officialSubscriber(target: BenchTarget, token: string): Promise<BenchSubscriber> {
  const client = HPKVClientFactory.createSubscriptionClient(token, target.baseUrl, { throttling: { enabled: false } });
  await client.connect();
  const counter = new NotificationCounter();
  client.subscribe(counter.tick);
  return {
    name: 'official subscribe()',
    received: (total) => counter.received(total),
    async close() {
      await client.disconnect().catch(() => undefined);
      client.destroy();
    },
  };
}
