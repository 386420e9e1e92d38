import { HPKVClientFactory } from '../../lib/client';
import { NotificationCounter } from './notification-counter';
import { type BenchClient, type BenchSubscriber, type BenchTarget } from './bench-client';

const CONFIG = { throttling: { enabled: false }, maxQueuedRequests: 1_000_000 };

/** hpkv-rx, Promise form (`get`). */
export async function hpkvRxPromiseClient(target: BenchTarget): Promise<BenchClient> {
  const client = HPKVClientFactory.createApiClient(target.apiKey, target.baseUrl, CONFIG);
  await client.connect();
  return {
    name: 'hpkv-rx Promise',
    get(key, settle, timeoutMs) {
      client.get(key, timeoutMs).then(settle.next, settle.error);
    },
    async close() {
      client.destroy();
    },
  };
}

/** hpkv-rx, Observable form: `get$` subscribed with the harness's observer, no Promise per request. */
export async function hpkvRxObservableClient(target: BenchTarget): Promise<BenchClient> {
  const client = HPKVClientFactory.createApiClient(target.apiKey, target.baseUrl, CONFIG);
  await client.connect();
  return {
    name: 'hpkv-rx Observable',
    get(key, settle, timeoutMs) {
      client.get$(key, timeoutMs).subscribe(settle);
    },
    async close() {
      client.destroy();
    },
  };
}

/** hpkv-rx `watch$(pattern)`. */
export async function hpkvRxWatchSubscriber(target: BenchTarget, token: string): Promise<BenchSubscriber> {
  const client = HPKVClientFactory.createSubscriptionClient(token, target.baseUrl, CONFIG);
  await client.connect();
  const counter = new NotificationCounter();
  const subscription = client.watch$('fan:*').subscribe(counter.tick);
  return {
    name: 'hpkv-rx watch$()',
    received: (total) => counter.received(total),
    async close() {
      subscription.unsubscribe();
      client.destroy();
    },
  };
}

/** hpkv-rx `subscribe(callback)` (the official-compatible form). */
export async function hpkvRxCallbackSubscriber(target: BenchTarget, token: string): Promise<BenchSubscriber> {
  const client = HPKVClientFactory.createSubscriptionClient(token, target.baseUrl, CONFIG);
  await client.connect();
  const counter = new NotificationCounter();
  client.subscribe(counter.tick);
  return {
    name: 'hpkv-rx subscribe()',
    received: (total) => counter.received(total),
    async close() {
      client.destroy();
    },
  };
}

