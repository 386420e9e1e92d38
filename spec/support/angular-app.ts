/**
 * A running Angular application in Node for the Angular specs, bootstrapped the public way on
 * the server platform (platform-server's DOM), with zone.js change detection or zoneless.
 * PLATFORM_ID is 'browser' unless `server` is set: these apps stand for browser apps; server
 * rendering has its own spec. The oldest supported Angular runs the same specs through
 * `angular-app-oldest.ts` (jest maps this module to it).
 */
import '@angular/compiler'; // JIT: Angular's npm packages are partially compiled
import './quiet-angular-dev-mode';
import {
  Component,
  NgZone,
  PLATFORM_ID,
  provideZoneChangeDetection,
  provideZonelessChangeDetection,
  type ApplicationRef,
  type EnvironmentInjector,
  type EnvironmentProviders,
  type Provider,
} from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { INITIAL_CONFIG, platformServer } from '@angular/platform-server';

export interface AppOptions {
  /** Zoneless change detection (`provideZonelessChangeDetection`). @default false */
  zoneless?: boolean;
  /** PLATFORM_ID 'server' instead of 'browser'. @default false */
  server?: boolean;
}

export interface TestApp {
  app: ApplicationRef;
  injector: EnvironmentInjector;
  zone: NgZone;
  /** Destroys the application (its environment injector first) and the platform. */
  destroy(): void;
}

class Root {}
Component({ selector: 'app-root', template: '' })(Root);

export async function startApp(providers: (Provider | EnvironmentProviders)[], options: AppOptions = {}): Promise<TestApp> {
  const platformRef = platformServer([{ provide: INITIAL_CONFIG, useValue: { document: '<app-root></app-root>', url: 'http://localhost/' } }]);
  const app = await bootstrapApplication(
    Root,
    {
      providers: [
        options.zoneless ? provideZonelessChangeDetection() : provideZoneChangeDetection(),
        { provide: PLATFORM_ID, useValue: options.server ? 'server' : 'browser' },
        ...providers,
      ],
    },
    { platformRef },
  );
  return {
    app,
    injector: app.injector,
    zone: app.injector.get(NgZone),
    destroy: () => {
      app.destroy();
      platformRef.destroy();
    },
  };
}
