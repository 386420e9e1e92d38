/**
 * Server-side rendering with @angular/platform-server (newest Angular only: the oldest is
 * installed as @angular/core alone). The render waits for live$'s first value and for the
 * requests components make, then completes while the live$ stays open; the client is destroyed
 * with the rendered application, so the server sees no socket left.
 */
import '../support/zone-node';
import '@angular/compiler'; // JIT for the components below
import { Component, ErrorHandler, inject, provideZoneChangeDetection, provideZonelessChangeDetection, signal, type EnvironmentProviders, type Provider, type Type } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { provideServerRendering, renderApplication } from '@angular/platform-server';
import { HPKVClientFactory } from '../../lib/client';
import { HPKV, liveSignal, provideHpkv } from '../../lib/angular';
import { startLocalServer, type LocalServer } from '../../lib/server';

class LiveGreeting {
  readonly greeting = liveSignal('greeting');
}
Component({ selector: 'app-root', template: '<p>{{ greeting() }}</p>' })(LiveGreeting);

class FetchedTitle {
  readonly title = signal('');
  constructor() {
    void inject(HPKV)
      .get('title')
      .then((reply) => this.title.set(String(reply.value)));
  }
}
Component({ selector: 'app-root', template: '<h1>{{ title() }}</h1>' })(FetchedTitle);

class RecordingErrorHandler extends ErrorHandler {
  readonly errors: unknown[] = [];
  override handleError(error: unknown): void {
    this.errors.push(error);
  }
}

describe('server-side rendering with hpkv-rx/angular', () => {
  let server: LocalServer;
  beforeEach(async () => {
    server = await startLocalServer({ port: 0 });
    server.engine.store.set('greeting', 'hello');
    server.engine.store.set('title', 'Catalogue');
  });
  afterEach(async () => {
    await server.waitForConnections(0);
    await server.close();
  });

  const render = (component: Type<unknown>, providers: (Provider | EnvironmentProviders)[]) =>
    renderApplication(
      (context) =>
        bootstrapApplication(
          component,
          {
            providers: [
              provideServerRendering(),
              provideHpkv(() => HPKVClientFactory.createSubscriptionClient(server.issueToken({ subscribePatterns: ['*'] }), server.baseUrl)),
              ...providers,
            ],
          },
          context,
        ),
      { document: '<html><body><app-root></app-root></body></html>', url: '/' },
    );

  it.each([
    ['zone.js', provideZoneChangeDetection()],
    ['zoneless', provideZonelessChangeDetection()],
  ])('renders the first value of a live$ (%s), then lets go: no socket left', async (_, changeDetection) => {
    const html = await render(LiveGreeting, [changeDetection]);
    expect(html).toContain('<p>hello</p>');
    await server.waitForConnections(0); // destroyed with the rendered application
  });

  it('waits for the requests a component makes (they hold stability on the server)', async () => {
    const html = await render(FetchedTitle, [provideZoneChangeDetection()]);
    expect(html).toContain('<h1>Catalogue</h1>');
  });

  it('completes, without the data, when HPKV cannot be reached: never hangs', async () => {
    server.refuseUpgrades(401);
    const errors = new RecordingErrorHandler();
    const html = await render(LiveGreeting, [provideZoneChangeDetection(), { provide: ErrorHandler, useValue: errors }]);
    expect(html).toContain('<p></p>');
    expect(errors.errors).toEqual([expect.objectContaining({ name: 'AuthenticationError' })]);
  });
});
