/**
 * A small standalone Angular app on hpkv-rx/angular (zone.js, JIT, `bootstrapApplication`),
 * bundled for browsers like the harness page and driven by spec/browser/angular.spec.ts through
 * `window.angularApp`. Its component shows one key two ways: a plain field set from `live$`
 * (redrawn only if the value arrives inside the Angular zone) and `liveSignal`.
 */
import 'zone.js';
import '@angular/compiler'; // JIT: Angular's npm packages are partially compiled
import { Component, DestroyRef, inject, InjectionToken, NgZone, provideZoneChangeDetection, type ApplicationRef } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { HPKVClientFactory } from '../../../lib/client';
import { HPKV, liveSignal, provideHpkv } from '../../../lib/angular';

/** The key the component shows. */
const SHOWN_KEY = new InjectionToken<string>('SHOWN_KEY');

@Component({
  selector: 'app-root',
  template: `
    <p id="field">{{ field }}</p>
    <p id="signal">{{ signal() }}</p>
    <button id="read" (click)="read()">read</button>
    <p id="read-value">{{ readValue }}</p>
  `,
})
class LiveGreeting {
  private readonly hpkv = inject(HPKV);
  private readonly key = inject(SHOWN_KEY);
  /** What `live$` gave last: a plain field, so only change detection in the zone shows it. */
  field: unknown = 'waiting';
  readonly signal = liveSignal(this.key);
  /** What the last click read, with a Promise: a plain field too. */
  readValue: unknown = '';

  constructor() {
    const subscription = this.hpkv.live$(this.key).subscribe((value) => (this.field = value));
    inject(DestroyRef).onDestroy(() => subscription.unsubscribe());
  }

  /**
   * `then`, not `await`: zone.js cannot follow a native `await`, whatever the Promise (Angular
   * CLI lowers async/await in zone.js apps; this bundle, plain esbuild at es2022, does not).
   */
  read(): void {
    void this.hpkv.get(this.key).then((reply) => (this.readValue = reply.value));
  }
}

let app: ApplicationRef | undefined;

function running(): ApplicationRef {
  if (app === undefined) throw new Error('The Angular app is not running: call angularApp.start() first');
  return app;
}

const angularApp = {
  /** Bootstraps the app showing `key`, its HPKV client a subscription client with `token`. */
  async start(baseUrl: string, token: string, key: string): Promise<void> {
    document.body.append(document.createElement('app-root'));
    app = await bootstrapApplication(LiveGreeting, {
      providers: [
        provideZoneChangeDetection(),
        provideHpkv(() => HPKVClientFactory.createSubscriptionClient(token, baseUrl)),
        { provide: SHOWN_KEY, useValue: key },
      ],
    });
  },

  /** Resolves once the app is stable, with what the zone still has pending then. */
  async whenStable(): Promise<{ stable: boolean; pendingMacrotasks: boolean }> {
    const started = running();
    await started.whenStable();
    let stable = false;
    started.isStable.subscribe((value) => (stable = value)).unsubscribe();
    return { stable, pendingMacrotasks: started.injector.get(NgZone).hasPendingMacrotasks };
  },

  /** Requests pending on the client (sent, or waiting for the connection). */
  messagesPending(): number {
    return running().injector.get(HPKV).getConnectionStats().messagesPending;
  },

  /** Destroys the app, and with it the client. */
  destroy(): void {
    app?.destroy();
    app = undefined;
  },
};

export type AngularApp = typeof angularApp;

declare global {
  interface Window {
    angularApp: AngularApp;
  }
}

window.angularApp = angularApp;
