/**
 * Server-side rendering of small components with @angular/platform-server and an HPKV client
 * from `provideHpkv`, for the server-render specs (with zone.js, and zoneless).
 */
import '@angular/compiler'; // JIT for the components below
import './quiet-angular-dev-mode';
import { Component, ErrorHandler, inject, signal, type EnvironmentProviders, type Provider, type Type } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { provideServerRendering, renderApplication } from '@angular/platform-server';
import { HPKVClientFactory } from '../../lib/client';
import { HPKV, liveSignal, provideHpkv } from '../../lib/angular';
import { startLocalServer, type LocalServer } from '../../lib/server';

/** Shows the `greeting` key, live. */
export class LiveGreeting {
  readonly greeting = liveSignal('greeting');
}
Component({ selector: 'app-root', template: '<p>{{ greeting() }}</p>' })(LiveGreeting);

/** Shows the `title` key, read once with a Promise when created. */
export class FetchedTitle {
  readonly title = signal('');
  constructor() {
    void inject(HPKV)
      .get('title')
      .then((reply) => this.title.set(String(reply.value)));
  }
}
Component({ selector: 'app-root', template: '<h1>{{ title() }}</h1>' })(FetchedTitle);

export class RecordingErrorHandler extends ErrorHandler {
  readonly errors: unknown[] = [];
  override handleError(error: unknown): void {
    this.errors.push(error);
  }
}

/** Renders `component` to HTML, its HPKV client connected to `server`. */
export function renderWithHpkv(server: LocalServer, component: Type<unknown>, providers: (Provider | EnvironmentProviders)[]): Promise<string> {
  return renderApplication(
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
}

/**
 * A local server per test holding `greeting` and `title`; after each test, waits until every
 * socket has closed (the client goes with the rendered application), then stops it.
 */
export function renderDataServer(): () => LocalServer {
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
  return () => server;
}
