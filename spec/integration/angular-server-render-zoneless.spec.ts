/**
 * Server-side rendering of a zoneless application (Angular's default for new apps), zone.js
 * not loaded at all: PendingTasks alone hold the render until live$'s first value and the
 * components' requests.
 */
import { provideZonelessChangeDetection } from '@angular/core';
import { FetchedTitle, LiveGreeting, renderDataServer, renderWithHpkv } from '../support/server-render';

describe('server-side rendering with hpkv-rx/angular (zoneless)', () => {
  const server = renderDataServer();

  it('renders the first value of a live$ and what components read, then lets go', async () => {
    expect((globalThis as { Zone?: unknown }).Zone).toBeUndefined();
    expect(await renderWithHpkv(server(), LiveGreeting, [provideZonelessChangeDetection()])).toContain('<p>hello</p>');
    expect(await renderWithHpkv(server(), FetchedTitle, [provideZonelessChangeDetection()])).toContain('<h1>Catalogue</h1>');
  });
});
