/**
 * Server-side rendering of a zoneless application (Angular's default for new apps), zone.js
 * not loaded at all: PendingTasks alone hold the render until live$'s first value and the
 * components' requests.
 */
import { provideZonelessChangeDetection } from '@angular/core';
import { startLocalServer, type LocalServer } from '../../lib/server';
import { FetchedTitle, LiveGreeting, renderWithHpkv } from '../support/server-render';

describe('server-side rendering with hpkv-rx/angular (zoneless)', () => {
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

  it('renders the first value of a live$ and what components read, then lets go', async () => {
    expect((globalThis as { Zone?: unknown }).Zone).toBeUndefined();
    expect(await renderWithHpkv(server, LiveGreeting, [provideZonelessChangeDetection()])).toContain('<p>hello</p>');
    expect(await renderWithHpkv(server, FetchedTitle, [provideZonelessChangeDetection()])).toContain('<h1>Catalogue</h1>');
  });
});
