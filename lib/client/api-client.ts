import { of } from 'rxjs';
import { webSocketUrl } from './base-url';
import { BaseClient } from './base-client';
import { type ConnectionConfig } from './config';

/**
 * A client authenticated with an API key: every operation, no notifications (HPKV sends none
 * to API-key connections). Keep API keys on servers.
 */
export class HPKVApiClient extends BaseClient {
  constructor(apiKey: string, baseUrl: string, config?: ConnectionConfig) {
    const url = webSocketUrl(baseUrl, { apiKey });
    super(() => of(url), config);
  }
}
