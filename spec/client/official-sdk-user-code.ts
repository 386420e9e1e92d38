/**
 * Type-level spec: code written for the official `@hpkv/websocket-client`, with only the import
 * changed. `npm run typecheck` compiles it against hpkv-rx; spec/integration/parity.spec.ts
 * compiles the very same text against the official typings. Both must compile: that is the
 * drop-in promise at the type level. Never run, only compiled.
 */
import {
  AuthenticationError,
  type BaseWebSocketClient,
  ConnectionError,
  ConnectionState,
  HPKVClientFactory,
  HPKVError,
  HPKVOperation,
  ThrottlingManager,
  TimeoutError,
  WebsocketTokenManager,
  WS_CONSTANTS,
  type ConnectionConfig,
  type ConnectionStats,
  type HPKVEventHandler,
  type HPKVGetResponse,
  type HPKVNotificationResponse,
  type RetryConfig,
  type ThrottlingMetrics,
} from '../../lib/client';

/** A helper typed with the official README's base class: either client fits. */
export async function readName(client: BaseWebSocketClient, key: string): Promise<string | number> {
  const reply: HPKVGetResponse = await client.get(key, 5000);
  return reply.value;
}

export async function officialStyle(apiKey: string, baseUrl: string, log: (...args: unknown[]) => void): Promise<void> {
  const retry: RetryConfig = { maxReconnectAttempts: 5, initialDelayBetweenReconnects: 500, maxDelayBetweenReconnects: 8000, jitterMs: 100 };
  const config: ConnectionConfig = { ...retry, connectionTimeout: 2000, throttling: { enabled: true, rateLimit: 10 } };
  const client = HPKVClientFactory.createApiClient(apiKey, baseUrl, config);

  // The official typings give every listener `(...args: any[])`: these compile there, and here.
  client.on('connected', (info) => log('connected', info));
  const events = ['connected', 'disconnected', 'reconnecting', 'reconnectFailed', 'error'] as const;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- exactly what users write against the official typings
  for (const e of events) client.on(e, (x: any) => log(e, x));
  const onError = (error: Error): void => log(error.message);
  client.on('error', onError);
  client.off('error', onError);
  client.on('disconnected', (details) => log(details.code, details.reason, details.gracefully));

  try {
    await client.connect();
  } catch (error) {
    if (error instanceof AuthenticationError) log('bad key', error.code);
    else if (error instanceof ConnectionError) log('cannot connect', error.message);
    else if (error instanceof TimeoutError) log('slow');
    else if (error instanceof HPKVError) log(error.code);
  }

  await client.set('user:1', { name: 'Ada' });
  await client.set('user:1', { age: 36 }, true, 3000);
  log(await readName(client, 'user:1'));
  const { records, truncated } = await client.range('user:', 'user:~', { limit: 10 });
  log(records.map((record) => record.key), truncated);
  const { newValue } = await client.atomicIncrement('visits', 1);
  log(newValue);
  await client.delete('user:1');

  const stats: ConnectionStats = client.getConnectionStats();
  if (stats.connectionState === ConnectionState.CONNECTED) log(stats.messagesPending);
  const throttling: { enabled: boolean; metrics: ThrottlingMetrics } = client.getThrottlingStatus();
  log(throttling.metrics.currentRate);
  client.updateThrottlingConfig({ enabled: true, rateLimit: 20 });
  log(client.getConnectionState() === ConnectionState.DISCONNECTED, HPKVOperation.GET, WS_CONSTANTS.OPEN);

  const tokens = new WebsocketTokenManager(apiKey, baseUrl);
  const token = await tokens.generateToken({ subscribePatterns: ['user:*'], accessPattern: '^user:' });
  const subscriber = HPKVClientFactory.createSubscriptionClient(token, baseUrl);
  const handler: HPKVEventHandler = (notification: HPKVNotificationResponse) => log(notification.key, notification.value);
  const id: string = subscriber.subscribe(handler);
  await subscriber.connect();
  subscriber.unsubscribe(id);

  const limiter = new ThrottlingManager({ enabled: true, rateLimit: 5 });
  await limiter.throttleRequest();
  limiter.notify429();
  log(limiter.getMetrics().queueLength, limiter.config.rateLimit);
  limiter.destroy();

  await subscriber.disconnect();
  await client.disconnect(false);
  subscriber.destroy();
  client.destroy();
}
