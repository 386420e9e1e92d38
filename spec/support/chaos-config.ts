import { type ConnectionConfig } from '../../lib/client';

/** Short heartbeat settings, so each fault is found in well under a second. */
export const CHAOS_HEARTBEAT = { intervalMs: 200, timeoutMs: 200 };

/**
 * A client for the chaos specs: the short heartbeat, quick reconnects (no jitter, enough attempts
 * to outlast any fault a spec injects), no throttling (only the faults should shape the traffic).
 */
export function chaosConfig(overrides: ConnectionConfig = {}): ConnectionConfig {
  return {
    throttling: { enabled: false },
    heartbeat: CHAOS_HEARTBEAT,
    initialDelayBetweenReconnects: 20,
    maxDelayBetweenReconnects: 100,
    jitterMs: 0,
    connectionTimeout: 300,
    maxReconnectAttempts: 100,
    ...overrides,
  };
}
