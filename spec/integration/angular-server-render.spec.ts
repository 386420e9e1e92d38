/**
 * Server-side rendering of a zone.js application with @angular/platform-server (newest Angular
 * only: the oldest is installed as @angular/core alone). The render waits for live$'s first
 * value and for the requests components make, then completes while the live$ stays open; the
 * client is destroyed with the rendered application, so the server sees no socket left.
 */
import '../support/zone-node';
import { ErrorHandler, provideZoneChangeDetection } from '@angular/core';
import { FetchedTitle, LiveGreeting, RecordingErrorHandler, renderDataServer, renderWithHpkv } from '../support/server-render';

describe('server-side rendering with hpkv-rx/angular (zone.js)', () => {
  const server = renderDataServer();

  it('renders the first value of a live$, then lets go: no socket left', async () => {
    const html = await renderWithHpkv(server(), LiveGreeting, [provideZoneChangeDetection()]);
    expect(html).toContain('<p>hello</p>');
    await server().waitForConnections(0); // destroyed with the rendered application
  });

  it('waits for the requests a component makes (they hold stability on the server)', async () => {
    const html = await renderWithHpkv(server(), FetchedTitle, [provideZoneChangeDetection()]);
    expect(html).toContain('<h1>Catalogue</h1>');
  });

  it('completes, without the data, when HPKV cannot be reached: never hangs', async () => {
    server().refuseUpgrades(401);
    const errors = new RecordingErrorHandler();
    const html = await renderWithHpkv(server(), LiveGreeting, [provideZoneChangeDetection(), { provide: ErrorHandler, useValue: errors }]);
    expect(html).toContain('<p></p>');
    expect(errors.errors).toEqual([expect.objectContaining({ name: 'AuthenticationError' })]);
  });
});
