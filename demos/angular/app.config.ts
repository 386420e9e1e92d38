/**
 * The application's providers: one HPKV client for the app, created on first use, connected,
 * and destroyed with the app. Bootstrap with `bootstrapApplication(ProductListComponent, appConfig)`.
 */
import { inject, InjectionToken, provideZonelessChangeDetection, type ApplicationConfig } from '@angular/core';
import { HPKVClientFactory } from '../../lib/client';
import { provideHpkv } from '../../lib/angular';
import { HpkvTokens } from './hpkv-tokens.service';

/** Where HPKV is: `https://api-eu-1.hpkv.io` in production, `hpkv-local` in development. */
export const HPKV_URL = new InjectionToken<string>('HPKV_URL', { providedIn: 'root', factory: () => 'http://127.0.0.1:3000' });

export const appConfig: ApplicationConfig = {
  providers: [
    provideZonelessChangeDetection(), // or provideZoneChangeDetection(): hpkv-rx/angular works with both
    provideHpkv(() => {
      const tokens = inject(HpkvTokens); // the factory runs in an injection context
      return HPKVClientFactory.createSubscriptionClient(() => tokens.fetch(), inject(HPKV_URL));
    }),
  ],
};
