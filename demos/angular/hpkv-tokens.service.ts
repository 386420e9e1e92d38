import { Injectable } from '@angular/core';

/**
 * Subscription tokens come from the app's own backend, which holds the API key and calls
 * `WebsocketTokenManager.generateToken()`. The client asks on every (re)connect, so it outlives
 * HPKV's two-hour tokens. Tests provide their own (see the spec).
 */
@Injectable({ providedIn: 'root' })
export class HpkvTokens {
  async fetch(): Promise<string> {
    const response = await fetch('/api/hpkv-token');
    if (!response.ok) throw new Error(`Token endpoint answered ${response.status}`);
    return response.text();
  }
}
