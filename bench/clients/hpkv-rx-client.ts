import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type * as HpkvRx from '../../lib/client';

/**
 * hpkv-rx as users run it: the built package (`dist/`, what `npm run bench` builds first), the
 * same way the official SDK is measured from its published build. From source, through tsx,
 * every use of an imported name is a getter call of the CommonJS transform, which a bundle has not.
 */
const { HPKVClientFactory } = createRequire(__filename)(resolve(__dirname, '../../dist/index.js')) as typeof HpkvRx;
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

