import '../support/zone-node';
import { ErrorHandler, inject, InjectionToken, NgZone, type ApplicationRef } from '@angular/core';
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { filter, firstValueFrom } from 'rxjs';
import { AuthenticationError, HPKVClientFactory, type HPKVApiClient, type HPKVSubscriptionClient } from '../../lib/client';
import { HPKV, provideHpkv, type HpkvClient } from '../../lib/angular';
import { startLocalServer, type LocalServer } from '../../lib/server';
import { startApp, type TestApp } from '../support/angular-app';

class RecordingErrorHandler extends ErrorHandler {
  readonly errors: unknown[] = [];
  override handleError(error: unknown): void {
    this.errors.push(error);
  }
}

const isStable = (app: ApplicationRef): boolean => {
  let stable = false;
  app.isStable.subscribe((value) => (stable = value)).unsubscribe();
  return stable;
};

const connected = (hpkv: HpkvClient<HPKVApiClient>): Promise<unknown> => firstValueFrom(hpkv.state$.pipe(filter((state) => state === 'CONNECTED')));

/** Type checks only (never called): what provideHpkv accepts and refuses. */
export function typeChecks(sub: HPKVSubscriptionClient, api: HPKVApiClient): void {
  const ADMIN = new InjectionToken<HpkvClient<HPKVApiClient>>('ADMIN');
  provideHpkv(() => sub);
  provideHpkv(() => api, { token: ADMIN });
  provideHpkv(() => sub, { token: ADMIN }); // a subscription client does all an API client does
  // @ts-expect-error HPKV is a subscription client: an API client needs a token of its own
  provideHpkv(() => api);
  // @ts-expect-error the token's type must accept what the factory creates
  provideHpkv(() => api, { token: HPKV });
  // @ts-expect-error the injector owns destroy()
  inject(HPKV).destroy();
}

describe('provideHpkv', () => {
  let server: LocalServer;
  let testApp: TestApp | undefined;
  const token = (): string => server.issueToken({ subscribePatterns: ['*'] });

  beforeEach(async () => {
    server = await startLocalServer({ port: 0 });
  });
  afterEach(async () => {
    testApp?.destroy();
    testApp = undefined;
    await server.waitForConnections(0);
    await server.close();
  });

  it('creates the client on first injection, outside the zone, in an injection context; connects it', async () => {
    const SETTINGS = new InjectionToken<{ url: string }>('SETTINGS');
    const calls: boolean[] = [];
    testApp = await startApp([
      { provide: SETTINGS, useFactory: () => ({ url: server.baseUrl }) },
      provideHpkv(() => {
        calls.push(NgZone.isInAngularZone());
        return HPKVClientFactory.createSubscriptionClient(token(), inject(SETTINGS).url);
      }),
    ]);
    expect(calls).toEqual([]);
    const hpkv = testApp.zone.run(() => testApp!.injector.get(HPKV));
    expect(testApp.injector.get(HPKV)).toBe(hpkv);
    expect(calls).toEqual([false]);
    await connected(hpkv);
    expect(server.connectionCount).toBe(1);
  });

  it('with connect: false, waits for connect(); a live$ subscribed meanwhile does not hold stability', async () => {
    testApp = await startApp([provideHpkv(() => HPKVClientFactory.createSubscriptionClient(token(), server.baseUrl), { connect: false })]);
    const { app, zone, injector } = testApp;
    server.engine.store.set('k', 'v');
    const hpkv = injector.get(HPKV);
    const value = new Promise((resolve) => zone.run(() => hpkv.live$('k').subscribe(resolve)));
    expect(hpkv.getConnectionState()).toBe('DISCONNECTED');
    await app.whenStable();
    expect(server.connectionCount).toBe(0);
    await zone.run(() => hpkv.connect());
    expect(await value).toBe('v');
  });

  it("reports a failed connect to the app's ErrorHandler and on events$; live$ then stops holding stability", async () => {
    const errors = new RecordingErrorHandler();
    server.refuseUpgrades(401);
    testApp = await startApp([
      { provide: ErrorHandler, useValue: errors },
      provideHpkv(() => HPKVClientFactory.createSubscriptionClient(token(), server.baseUrl)),
    ]);
    const { app, zone, injector } = testApp;
    const hpkv = injector.get(HPKV);
    const events: unknown[] = [];
    zone.run(() => hpkv.events$.subscribe((event) => events.push(event)));
    zone.run(() => hpkv.live$('k').subscribe());
    expect(isStable(app)).toBe(false);
    await firstValueFrom(hpkv.state$.pipe(filter((state) => state === 'DISCONNECTED')));
    await app.whenStable();
    expect(errors.errors).toEqual([expect.any(AuthenticationError)]);
    expect(events).toEqual([{ type: 'error', error: errors.errors[0] }]); // the client's own report, the same error
  });

  describe('destroyed while connecting (a server that never answers the upgrade)', () => {
    let silent: Server;
    const sockets: Socket[] = [];
    beforeEach(async () => {
      silent = createServer((socket) => sockets.push(socket)).listen(0, '127.0.0.1');
      await once(silent, 'listening');
    });
    afterEach(async () => {
      for (const socket of sockets.splice(0)) socket.destroy();
      silent.close();
      await once(silent, 'close');
    });

    it('reports nothing: the connect was abandoned, not failed', async () => {
      const errors = new RecordingErrorHandler();
      const address = silent.address() as { port: number };
      testApp = await startApp([
        { provide: ErrorHandler, useValue: errors },
        provideHpkv(() => HPKVClientFactory.createSubscriptionClient(token(), `http://127.0.0.1:${address.port}`)),
      ]);
      const hpkv = testApp.injector.get(HPKV);
      await once(silent, 'connection');
      testApp.destroy();
      testApp = undefined;
      await expect(hpkv.connect()).rejects.toThrow(/destroyed/);
      await new Promise(setImmediate); // every settled Promise's handlers have run
      expect(errors.errors).toEqual([]);
    });
  });

  it('provides an API client under a token of its own', async () => {
    const ADMIN = new InjectionToken<HpkvClient<HPKVApiClient>>('ADMIN');
    testApp = await startApp([provideHpkv(() => HPKVClientFactory.createApiClient(server.apiKey, server.baseUrl), { token: ADMIN })]);
    const admin = testApp.injector.get(ADMIN);
    await admin.set('k', 'v');
    await expect(admin.get('k')).resolves.toMatchObject({ value: 'v' });
    expect('watch$' in admin).toBe(false);
  });

  describe('requests and stability', () => {
    async function pendingRequest(options: Parameters<typeof startApp>[1], providerOptions?: { requestsContributeToStability?: boolean }) {
      testApp = await startApp([provideHpkv(() => HPKVClientFactory.createSubscriptionClient(token(), server.baseUrl), providerOptions)], options);
      const { app, zone, injector } = testApp;
      const hpkv = injector.get(HPKV);
      await connected(hpkv);
      await app.whenStable();
      server.pauseReplies();
      const reply = zone.run(() => hpkv.get('k')).catch((error: unknown) => error);
      const reply$ = new Promise((resolve) => zone.run(() => hpkv.get$('k').subscribe({ error: resolve })));
      return { app, reply: Promise.all([reply, reply$]) };
    }

    it('hold the app unstable until they settle when rendering on the server', async () => {
      const { app, reply } = await pendingRequest({ server: true });
      expect(isStable(app)).toBe(false);
      server.resumeReplies();
      await reply;
      await app.whenStable();
    });

    it('do not in browsers (the default), nor on the server when told not to', async () => {
      const { app } = await pendingRequest({});
      await app.whenStable();
      testApp!.destroy();
      testApp = undefined;
      server.resumeReplies();
      const other = await pendingRequest({ server: true }, { requestsContributeToStability: false });
      await other.app.whenStable();
    });
  });
});
