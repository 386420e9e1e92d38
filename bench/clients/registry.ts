import { type BenchClient, type BenchSubscriber, type BenchTarget } from './bench-client';
import { hpkvRxCallbackSubscriber, hpkvRxObservableClient, hpkvRxPromiseClient, hpkvRxWatchSubscriber } from './hpkv-rx-client';
import { officialClient, officialSubscriber } from './official-client';
import { rawWsClient, rawWsSubscriber } from './raw-ws-client';

/** Request/response clients, measured in this order every round. */
export const CLIENTS: { name: string; make: (target: BenchTarget) => Promise<BenchClient> }[] = [
  { name: 'raw ws', make: rawWsClient },
  { name: 'official SDK', make: officialClient },
  { name: 'hpkv-rx (Promise)', make: hpkvRxPromiseClient },
  { name: 'hpkv-rx (Observable)', make: hpkvRxObservableClient },
];

/** Notification receivers. */
export const SUBSCRIBERS: { name: string; make: (target: BenchTarget, token: string) => Promise<BenchSubscriber> }[] = [
  { name: 'raw ws + JSON.parse', make: rawWsSubscriber },
  { name: 'official subscribe()', make: officialSubscriber },
  { name: 'hpkv-rx watch$()', make: hpkvRxWatchSubscriber },
  { name: 'hpkv-rx subscribe()', make: hpkvRxCallbackSubscriber },
];
