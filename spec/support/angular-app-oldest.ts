/**
 * `angular-app.ts` for the oldest supported Angular (19), where only @angular/core is installed
 * (its other packages would need a second copy of every peer). It builds the application the
 * way Angular's own `createApplication` does, minus the browser platform: core's
 * `ɵinternalCreateApplication` with the root scope and `ErrorHandler` that BrowserModule
 * would provide. Jest's `angular-oldest` project maps `angular-app` to this module.
 */
import './quiet-angular-dev-mode';
import {
  ErrorHandler,
  getPlatform,
  NgZone,
  PLATFORM_ID,
  provideExperimentalZonelessChangeDetection,
  provideZoneChangeDetection,
  ɵINJECTOR_SCOPE,
  ɵinternalCreateApplication,
  type EnvironmentProviders,
  type Provider,
} from 'angular-core-19';
import { type AppOptions, type TestApp } from './angular-app';

export async function startApp(providers: unknown[], options: AppOptions = {}): Promise<TestApp> {
  const app = await ɵinternalCreateApplication({
    appProviders: [
      { provide: ɵINJECTOR_SCOPE, useValue: 'root' },
      { provide: ErrorHandler, useClass: ErrorHandler },
      options.zoneless ? provideExperimentalZonelessChangeDetection() : provideZoneChangeDetection(),
      // Not 'browser' without a DOM (dev-mode image checks would look for one): core's 'unknown',
      // which hpkv-rx/angular treats as it treats browsers (anything but 'server').
      ...(options.server ? [{ provide: PLATFORM_ID, useValue: 'server' }] : []),
      ...(providers as (Provider | EnvironmentProviders)[]),
    ],
    platformProviders: [],
  });
  const testApp = {
    app,
    injector: app.injector,
    zone: app.injector.get(NgZone),
    destroy: () => {
      app.destroy();
      getPlatform()?.destroy();
    },
  };
  return testApp as unknown as TestApp;
}
