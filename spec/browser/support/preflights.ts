import { filter, firstValueFrom, ReplaySubject, scan, throwError, timeout } from 'rxjs';
import { type Page } from 'playwright-core';
import { WAIT_LIMIT_MS } from './wait-limit';

/** A CORS preflight Chromium sent, and what the server answered. */
export interface Preflight {
  /** Path of the URL it asked about. */
  path: string;
  /** `Access-Control-Request-Method`, `Access-Control-Request-Headers` and `Origin` it sent. */
  requestMethod: string;
  requestHeaders: string;
  origin: string;
  status: number;
  /** The response's `access-control-allow-*` headers, names lower-cased. */
  allow: Record<string, string>;
}

interface RequestWillBeSent {
  requestId: string;
  request: { method: string; url: string; headers: Record<string, string> };
}
interface ResponseReceived {
  requestId: string;
  type: string;
  response: { status: number; headers: Record<string, string> };
}

/** The preflights a page sends, seen over the DevTools protocol (Playwright's own events leave them out). */
export class Preflights {
  private readonly seen$ = new ReplaySubject<Preflight>();
  private readonly asked = new Map<string, RequestWillBeSent['request']>();

  static async watch(page: Page): Promise<Preflights> {
    const preflights = new Preflights();
    const session = await page.context().newCDPSession(page);
    session.on('Network.requestWillBeSent', (event: RequestWillBeSent) => {
      if (event.request.method === 'OPTIONS') preflights.asked.set(event.requestId, event.request);
    });
    session.on('Network.responseReceived', (event: ResponseReceived) => preflights.answered(event));
    await session.send('Network.enable');
    return preflights;
  }

  /** Resolves with the preflights so far once one has been answered for each of `paths` (bounded: WAIT_LIMIT_MS). */
  answeredFor(paths: string[]): Promise<Preflight[]> {
    let seen: Preflight[] = [];
    const stuck = (): Error => new Error(`Waited ${WAIT_LIMIT_MS} ms for preflights of ${paths.join(', ')}; saw ${JSON.stringify(seen.map((one) => one.path))}`);
    return firstValueFrom(
      this.seen$.pipe(
        scan((all: Preflight[], one) => (seen = [...all, one]), []),
        filter((all) => paths.every((path) => all.some((preflight) => preflight.path === path))),
        timeout({ first: WAIT_LIMIT_MS, with: () => throwError(stuck) }),
      ),
    );
  }

  private answered(event: ResponseReceived): void {
    const request = this.asked.get(event.requestId);
    if (event.type !== 'Preflight' || request === undefined) return;
    const header = (name: string): string => Object.entries(request.headers).find(([key]) => key.toLowerCase() === name)?.[1] ?? '';
    const allow = Object.fromEntries(
      Object.entries(event.response.headers)
        .map(([key, value]) => [key.toLowerCase(), value])
        .filter(([key]) => key.startsWith('access-control-allow-')),
    );
    this.seen$.next({
      path: new URL(request.url).pathname,
      requestMethod: header('access-control-request-method'),
      requestHeaders: header('access-control-request-headers'),
      origin: header('origin'),
      status: event.response.status,
      allow,
    });
  }
}
