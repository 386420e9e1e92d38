import { computed, createEnvironmentInjector, InjectionToken, runInInjectionContext } from '@angular/core';
import { filter, firstValueFrom } from 'rxjs';
import { HPKVClientFactory, type HPKVSubscriptionClient, type LiveValue } from '../../lib/client';
import { HPKV, liveSignal, provideHpkv, type HpkvClient } from '../../lib/angular';
import { startLocalServer, type LocalServer } from '../../lib/server';
import { startApp, type TestApp } from '../support/angular-app';

// Zoneless (zone.js is not loaded in this file): signals are how zoneless apps take values.
describe('liveSignal', () => {
  let server: LocalServer;
  let testApp: TestApp | undefined;
  const provide = () => provideHpkv(() => HPKVClientFactory.createSubscriptionClient(server.issueToken({ subscribePatterns: ['*'] }), server.baseUrl));

  beforeEach(async () => {
    server = await startLocalServer({ port: 0 });
    server.engine.store.set('greeting', 'hello');
  });
  afterEach(async () => {
    testApp?.destroy();
    testApp = undefined;
    await server.waitForConnections(0);
    await server.close();
  });

  /** Resolves once the key has `value` (a later live$ on the same client: earlier subscribers have it by then). */
  const hasValue = (hpkv: HpkvClient, key: string, value: LiveValue) => firstValueFrom(hpkv.live$(key).pipe(filter((current) => current === value)));

  it('undefined, then the value once the app is stable, then each change', async () => {
    testApp = await startApp([provide()], { zoneless: true });
    const { app, injector } = testApp;
    expect((globalThis as { Zone?: unknown }).Zone).toBeUndefined();
    const greeting = liveSignal('greeting', { injector });
    const shout = computed(() => greeting()?.toString().toUpperCase());
    expect(greeting()).toBeUndefined();
    await app.whenStable(); // live$ holds stability until its first value
    expect(greeting()).toBe('hello');
    const hpkv = injector.get(HPKV);
    await hpkv.set('greeting', 'bonjour');
    await hasValue(hpkv, 'greeting', 'bonjour');
    expect(shout()).toBe('BONJOUR');
    await hpkv.delete('greeting');
    await hasValue(hpkv, 'greeting', null);
    expect(greeting()).toBeNull();
  });

  it('from an injection context', async () => {
    testApp = await startApp([provide()], { zoneless: true });
    const { app, injector } = testApp;
    const greeting = runInInjectionContext(injector, () => liveSignal('greeting'));
    await app.whenStable();
    expect(greeting()).toBe('hello');
  });

  it('outside an injection context, asks for one', async () => {
    testApp = await startApp([provide()], { zoneless: true });
    expect(() => liveSignal('greeting')).toThrow(/injection context/);
  });

  it('ends its subscription with its injector (a component, a route)', async () => {
    testApp = await startApp([provide()], { zoneless: true });
    const { app, injector } = testApp;
    const hpkv = injector.get(HPKV);
    const route = createEnvironmentInjector([], injector);
    const greeting = liveSignal('greeting', { injector: route });
    await app.whenStable();
    route.destroy();
    await hpkv.set('greeting', 'bonjour');
    await hasValue(hpkv, 'greeting', 'bonjour');
    expect(greeting()).toBe('hello'); // no longer updated
  });

  it('reads from another token when told', async () => {
    const SECOND = new InjectionToken<HpkvClient<HPKVSubscriptionClient>>('SECOND');
    testApp = await startApp(
      [provideHpkv(() => HPKVClientFactory.createSubscriptionClient(server.issueToken({ subscribePatterns: ['*'] }), server.baseUrl), { token: SECOND })],
      { zoneless: true },
    );
    const greeting = liveSignal('greeting', { injector: testApp.injector, token: SECOND });
    await testApp.app.whenStable();
    expect(greeting()).toBe('hello');
  });
});
