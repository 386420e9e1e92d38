import { DestroyRef, ErrorHandler, inject, makeEnvironmentProviders, NgZone, PendingTasks, PLATFORM_ID, type EnvironmentProviders, type InjectionToken } from '@angular/core';
import { type HPKVSubscriptionClient } from 'hpkv-rx';
import { angularClient } from './angular-client';
import { HPKV } from './hpkv';
import { type AnyHpkvClient, type HpkvClient } from './hpkv-client';

/** Options of `provideHpkv`. */
export interface HpkvProviderOptions {
  /**
   * Call `connect()` when the client is first injected. A failure goes to the app's
   * `ErrorHandler` and shows on `state$`; call `connect()` again to retry. Turn it off to
   * connect yourself (say, once the user has signed in and a token can be had).
   * @default true
   */
  connect?: boolean;
  /**
   * Whether one-shot requests (`get`, `get$`, `set`…, `scan$`) keep the app unstable until they
   * settle, as Angular's `HttpClient` requests do. On by default when rendering on the server,
   * so the page is serialized with the data it asked for (each request is still bounded by its
   * timeout); off in browsers, so a slow or unanswered request never holds `isStable` (service
   * worker registration, hydration). Live streams hold stability until their first value either way.
   * @default true when PLATFORM_ID is 'server', false otherwise
   */
  requestsContributeToStability?: boolean;
}

/** A factory: runs once, in an injection context (so it may `inject()`), outside the Angular zone. */
export type HpkvFactory<C extends AnyHpkvClient> = () => C;

/**
 * Provides an HPKV client to an environment injector (the app's, or a route's): `inject(HPKV)`
 * returns it, zone-correct (see `HpkvClient`). The factory runs on first injection, which also
 * connects; the client is destroyed with the injector (`DestroyRef`), so a server render or a
 * destroyed route leaves no socket and no timer behind.
 *
 * ```ts
 * bootstrapApplication(App, { providers: [
 *   provideHpkv(() => {
 *     const tokens = inject(TokenService); // the factory may inject; the token provider runs later, on each (re)connect
 *     return HPKVClientFactory.createSubscriptionClient(() => tokens.fetch(), environment.hpkvUrl);
 *   }),
 * ] });
 * ```
 */
export function provideHpkv(factory: HpkvFactory<HPKVSubscriptionClient>, options?: HpkvProviderOptions): EnvironmentProviders;
/**
 * The same, under a token of your own: for an `HPKVApiClient` or a second client. The token's
 * type must accept what the factory creates:
 * `provideHpkv(() => HPKVClientFactory.createApiClient(key, url), { token: ADMIN_HPKV })` with
 * `const ADMIN_HPKV = new InjectionToken<HpkvClient<HPKVApiClient>>('ADMIN_HPKV')`.
 */
export function provideHpkv<C extends AnyHpkvClient, T>(
  factory: HpkvFactory<C>,
  options: HpkvProviderOptions & { token: InjectionToken<T> & ([HpkvClient<C>] extends [T] ? unknown : never) },
): EnvironmentProviders;
export function provideHpkv(factory: HpkvFactory<AnyHpkvClient>, options: HpkvProviderOptions & { token?: InjectionToken<unknown> } = {}): EnvironmentProviders {
  return makeEnvironmentProviders([{ provide: options.token ?? HPKV, useFactory: () => createClient(factory, options) }]);
}

function createClient(factory: HpkvFactory<AnyHpkvClient>, options: HpkvProviderOptions): HpkvClient<AnyHpkvClient> {
  const zone = inject(NgZone);
  const errorHandler = inject(ErrorHandler);
  const client = zone.runOutsideAngular(factory);
  let destroyed = false;
  inject(DestroyRef).onDestroy(() => {
    destroyed = true;
    zone.runOutsideAngular(() => client.destroy());
  });
  const wrapped = angularClient(client, {
    zone,
    pendingTasks: inject(PendingTasks),
    requestsContributeToStability: options.requestsContributeToStability ?? inject(PLATFORM_ID) === 'server',
  });
  if (options.connect ?? true) {
    zone.runOutsideAngular(() => client.connect()).catch((error: unknown) => {
      // Destroyed before it opened: nothing went wrong that anyone needs to hear about.
      if (!destroyed) errorHandler.handleError(error);
    });
  }
  return wrapped;
}
