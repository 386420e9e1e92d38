import { type ConnectionConfig as OfficialConnectionConfig } from '@hpkv/websocket-client';
import { DEFAULT_CONNECTION_CONFIG, resolveConnectionConfig, type ConnectionConfig } from '../../lib/client/config';
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
      heartbeat: { intervalMs: 15000, timeoutMs: 5000, probe: false },
      networkCues: undefined,
    });
    expect(DEFAULT_CONNECTION_CONFIG.maxReconnectAttempts).toBe(3);
  });

  it('merges partial heartbeat settings over the defaults; false turns it off', () => {
    expect(resolveConnectionConfig({ heartbeat: { timeoutMs: 200 } }).heartbeat).toEqual({ intervalMs: 15000, timeoutMs: 200, probe: false });
    expect(resolveConnectionConfig({ heartbeat: { probe: true } }).heartbeat).toEqual({ intervalMs: 15000, timeoutMs: 5000, probe: true });
    expect(resolveConnectionConfig({ heartbeat: false }).heartbeat).toBe(false);
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
    [{ jitterMs: Number.NaN }, 'jitterMs must be a finite number of milliseconds >= 0'],
    [{ operationTimeout: Number.POSITIVE_INFINITY }, 'operationTimeout must be a finite number of milliseconds >= 1'],
    [{ connectionTimeout: '5000' }, 'connectionTimeout must be a finite number of milliseconds >= 1'],
    [{ maxReconnectAttempts: Number.NaN }, 'maxReconnectAttempts must be a finite integer >= 0'],
    [{ throttling: { rateLimit: Number.NaN } }, 'throttling.rateLimit must be a finite number > 0'],
    [{ scheduler: {} }, 'scheduler must be an RxJS scheduler (asyncScheduler, a TestScheduler…)'],
    [
      { maxReconectAttempts: 5 },
      "unknown setting 'maxReconectAttempts' (known: maxReconnectAttempts, initialDelayBetweenReconnects, maxDelayBetweenReconnects, jitterMs, " +
        'connectionTimeout, operationTimeout, maxQueuedRequests, throttling, heartbeat, networkCues, webSocketFactory, scheduler, random)',
    ],
    [{ throttling: { enable: false } }, "unknown setting 'throttling.enable' (known: enabled, rateLimit, retryOn429)"],
    [{ heartbeat: { intervalMs: 0 } }, 'heartbeat.intervalMs must be a number of milliseconds >= 1'],
    [{ heartbeat: { timeoutMs: Number.NaN } }, 'heartbeat.timeoutMs must be a finite number of milliseconds >= 1'],
    [{ heartbeat: { probe: 'yes' } }, 'heartbeat.probe must be a boolean'],
    [{ heartbeat: true }, 'heartbeat must be false or { intervalMs?, timeoutMs?, probe? }'],
    [{ heartbeat: { interval: 1000 } }, "unknown setting 'heartbeat.interval' (known: intervalMs, timeoutMs, probe)"],
    [{ networkCues: ['offline'] }, 'networkCues must be an Observable of network cues'],
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

  it("accepts every setting of the official SDK's ConnectionConfig", () => {
    // Type-level: every key the official typings allow is a key of ours (a compile error otherwise).
    const official: Required<OfficialConnectionConfig> = {
      maxReconnectAttempts: 5,
      initialDelayBetweenReconnects: 100,
      maxDelayBetweenReconnects: 2000,
      jitterMs: 50,
      connectionTimeout: 3000,
      throttling: { enabled: true, rateLimit: 20 },
    };
    const ours: ConnectionConfig = official;
    expect(resolveConnectionConfig(ours)).toMatchObject({ ...official, throttling: { enabled: true, rateLimit: 20, retryOn429: false } });
  });
});
