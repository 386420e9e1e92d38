import { InjectionToken } from '@angular/core';
import { type HpkvClient } from './hpkv-client';

/**
 * The app's HPKV client, a token-authenticated `HPKVSubscriptionClient` (the kind browsers
 * use: API keys stay on servers). `provideHpkv(factory)` provides it; `inject(HPKV)` returns it.
 * For an `HPKVApiClient`, or a second client, declare a token of your own:
 * `new InjectionToken<HpkvClient<HPKVApiClient>>('ADMIN_HPKV')` and pass it as `{ token }`.
 */
export const HPKV = new InjectionToken<HpkvClient>('HPKV');
