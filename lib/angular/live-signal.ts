import { assertInInjectionContext, inject, Injector, type InjectionToken, type Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { type HPKVSubscriptionClient, type LiveValue } from 'hpkv-rx';
import { HPKV } from './hpkv';
import { type HpkvClient } from './hpkv-client';

/** Options of `liveSignal`. */
export interface LiveSignalOptions {
  /** Where to find the client and whose destruction ends the subscription. @default the current injection context */
  injector?: Injector;
  /** @default HPKV */
  token?: InjectionToken<HpkvClient<HPKVSubscriptionClient>>;
}

/**
 * `live$(key)` as a signal: `undefined` until the first read, then the key's value (null when
 * missing or deleted), kept current. For templates and `computed()`, zoneless or not. Reading it
 * throws the stream's error, if it failed (as `toSignal` does). Unsubscribes when its injector
 * (the component, or the environment) is destroyed.
 */
export function liveSignal(key: string, options: LiveSignalOptions = {}): Signal<LiveValue | undefined> {
  if (options.injector === undefined) assertInInjectionContext(liveSignal);
  const injector = options.injector ?? inject(Injector);
  return toSignal(injector.get(options.token ?? HPKV).live$(key), { injector });
}
