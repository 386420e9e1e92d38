import { HPKVClientFactory, WebsocketTokenManager, type HPKVSubscriptionClient } from '../client';

/** Every key: the console shows the whole store, narrowed client-side by `watch$`. */
const ALL_KEYS = ['*'];

/** Mints a subscription token for every key, on the server the console came from (same origin: no CORS). */
export function mintToken(apiKey: string, origin: string): Promise<string> {
  return new WebsocketTokenManager(apiKey, origin).generateToken({ subscribePatterns: ALL_KEYS });
}

/**
 * The console's one client: a subscription client (it receives notifications), with a token
 * minted on every (re)connect, because a console tab outlives a token. It keeps reconnecting
 * while the server restarts during development; the badge shows it.
 */
export function createConsoleClient(apiKey: string, origin: string): HPKVSubscriptionClient {
  return HPKVClientFactory.createSubscriptionClient(() => mintToken(apiKey, origin), origin, {
    maxReconnectAttempts: 1000,
    initialDelayBetweenReconnects: 250,
    maxDelayBetweenReconnects: 5000,
  });
}
