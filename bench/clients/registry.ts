import { type BenchClient, type BenchSubscriber, type BenchTarget } from './bench-client';
import { bareWsClient, floorClient } from './hand-written-client';
import { hpkvRxCallbackSubscriber, hpkvRxObservableClient, hpkvRxPromiseClient, hpkvRxWatchSubscriber } from './hpkv-rx-client';
import { officialClient, officialSubscriber } from './official-client';
import { rawWsSubscriber } from './raw-ws-subscriber';

/** A client as listed: `id` is what BENCH_CLIENTS names, `name` what the tables print. */
export interface Entry<T> {
  id: string;
  name: string;
  make: (target: BenchTarget, token: string) => Promise<T>;
}

/** Request/response clients. The first is the reference of the ratio table. */
export const CLIENTS: Entry<BenchClient>[] = [
  { id: 'floor', name: 'floor', make: floorClient },
  { id: 'bare', name: 'bare ws', make: bareWsClient },
  { id: 'official', name: 'official SDK', make: officialClient },
  { id: 'promise', name: 'hpkv-rx Promise', make: hpkvRxPromiseClient },
  { id: 'observable', name: 'hpkv-rx Observable', make: hpkvRxObservableClient },
];

/** Notification receivers. The first is the reference of the ratio table. */
export const SUBSCRIBERS: Entry<BenchSubscriber>[] = [
  { id: 'raw', name: 'raw ws + JSON.parse', make: rawWsSubscriber },
  { id: 'official', name: 'official subscribe()', make: officialSubscriber },
  { id: 'watch', name: 'hpkv-rx watch$()', make: hpkvRxWatchSubscriber },
  { id: 'subscribe', name: 'hpkv-rx subscribe()', make: hpkvRxCallbackSubscriber },
];
