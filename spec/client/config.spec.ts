import { DEFAULT_CONNECTION_CONFIG, resolveConnectionConfig } from '../../lib/client/config';
import { HPKVError } from '../../lib/client/errors';

describe('resolveConnectionConfig', () => {
  it('applies the official SDK defaults', () => {
    const config = resolveConnectionConfig();
    expect(config).toMatchObject({
      maxReconnectAttempts: 3,
      initialDelayBetweenReconnects: 1000,
      maxDelayBetweenReconnects: 30000,
      jitterMs: 500,
      connectionTimeout: 5000,
      operationTimeout: 10000,
      maxQueuedRequests: 1000,
      throttling: { enabled: true, rateLimit: 10, retryOn429: false },
    });
    expect(DEFAULT_CONNECTION_CONFIG.maxReconnectAttempts).toBe(3);
  });

  it('honours 0 (the official SDK falls back to the default)', () => {
    const config = resolveConnectionConfig({ maxReconnectAttempts: 0, initialDelayBetweenReconnects: 0, jitterMs: 0, maxQueuedRequests: 0 });
    expect(config).toMatchObject({ maxReconnectAttempts: 0, initialDelayBetweenReconnects: 0, jitterMs: 0, maxQueuedRequests: 0 });
  });

  it('merges partial throttling settings over the defaults', () => {
    expect(resolveConnectionConfig({ throttling: { enabled: false } }).throttling).toEqual({ enabled: false, rateLimit: 10, retryOn429: false });
  });

  it.each([
    [{ maxReconnectAttempts: -1 }, 'maxReconnectAttempts must be an integer >= 0'],
    [{ maxReconnectAttempts: 1.5 }, 'maxReconnectAttempts must be an integer >= 0'],
    [{ connectionTimeout: 0 }, 'connectionTimeout must be a number of milliseconds >= 1'],
    [{ throttling: { rateLimit: 0 } }, 'throttling.rateLimit must be a number > 0'],
    [{ webSocketFactory: 'ws' }, 'webSocketFactory must be a function'],
  ])('refuses %j with HPKVError 400', (config, message) => {
    let error: unknown;
    try {
      resolveConnectionConfig(config as never);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(HPKVError);
    expect(error).toMatchObject({ code: 400, message: `Invalid ConnectionConfig: ${message}` });
  });
});
