import { HPKVApiClient } from './api-client';
import { type ConnectionConfig } from './config';
import { HPKVSubscriptionClient, type TokenProvider } from './subscription-client';

/** The official SDK's factory, same names and arguments. */
export class HPKVClientFactory {
  /** A client authenticated with an API key (server side). */
  static createApiClient(apiKey: string, baseUrl: string, config?: ConnectionConfig): HPKVApiClient {
    return new HPKVApiClient(apiKey, baseUrl, config);
  }

  /** A client authenticated with a token, or a token provider asked on every (re)connect. */
  static createSubscriptionClient(token: string | TokenProvider, baseUrl: string, config?: ConnectionConfig): HPKVSubscriptionClient {
    return new HPKVSubscriptionClient(token, baseUrl, config);
  }
}
