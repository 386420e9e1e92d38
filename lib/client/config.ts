import { asyncScheduler, isObservable, type Observable, type SchedulerLike } from 'rxjs';
import * as z from 'zod/mini';
import { describeIssues } from '../protocol';
import { HPKVError } from './errors';
import { type ThrottlingConfig } from './requests/throttling-config';
import { type WebSocketFactory } from './connection/web-socket-like';
import { type HeartbeatConfig } from './connection/heartbeat-config';
import { type NetworkCue } from './connection/network-cues';

/** The reconnect settings, as the official SDK's `RetryConfig` (part of `ConnectionConfig`). */
export interface RetryConfig {
  /**
   * Reconnect attempts after an established connection drops; 0 never reconnects.
   * @default 3
   */
  maxReconnectAttempts?: number;
  /**
   * Delay before the first reconnect attempt, in ms; doubles per attempt.
   * @default 1000
   */
  initialDelayBetweenReconnects?: number;
  /**
   * Cap on the reconnect delay before jitter, in ms.
   * @default 30000
   */
  maxDelayBetweenReconnects?: number;
  /**
   * Up to this many random ms added to each reconnect delay, so clients do not reconnect in step.
   * @default 500
   */
  jitterMs?: number;
}

/**
 * Connection options: the official SDK's `ConnectionConfig`, same names and defaults, plus the
 * settings it lacks. Unlike the official SDK, `0` means zero for counts, delays and jitter (it
 * falls back to the default there); timeouts must be at least 1 ms. An unknown setting is an
 * error naming it.
 */
export interface ConnectionConfig extends RetryConfig {
  /**
   * How long one connection attempt may take, in ms. The abandoned socket is closed.
   * @default 5000
   */
  connectionTimeout?: number;
  /**
   * Default per-request timeout in ms, counted from the call (queue time included).
   * @default 10000
   */
  operationTimeout?: number;
  /**
   * Requests that may wait while connecting or reconnecting; more fail at once.
   * @default 1000
   */
  maxQueuedRequests?: number;
  /**
   * Client-side rate limiting.
   * @default { enabled: true, rateLimit: 10 }
   */
  throttling?: Partial<ThrottlingConfig>;
  /**
   * Liveness checks of an open connection (see `HeartbeatConfig`); `false` turns them off.
   * A dead socket is closed and the normal reconnect path runs.
   * @default { intervalMs: 15000, timeoutMs: 5000, probe: false }
   */
  heartbeat?: HeartbeatConfig | false;
  /**
   * What the runtime says about the network: `offline` closes the socket (reconnecting then waits
   * for `online`), `online` and `visible` check liveness at once. Pass your own stream where the
   * runtime has other signals (React Native's NetInfo) or in marble tests.
   * @default window `offline`/`online` and document `visibilitychange` where they exist; nothing in Node
   */
  networkCues?: Observable<NetworkCue>;
  /**
   * Creates the WebSocket (tests, unusual runtimes).
   * @default `ws` in Node, the global `WebSocket` elsewhere
   */
  webSocketFactory?: WebSocketFactory;
  /**
   * Scheduler for every timer (backoff, timeouts, throttling): pass a `TestScheduler` in marble tests.
   * @default asyncScheduler
   */
  scheduler?: SchedulerLike;
  /**
   * Random source in [0, 1) for jitter (tests make it deterministic).
   * @default Math.random
   */
  random?: () => number;
}

/** Every default in one place: read it as the specification of the client's behaviour. */
export const DEFAULT_CONNECTION_CONFIG = {
  maxReconnectAttempts: 3,
  initialDelayBetweenReconnects: 1000,
  maxDelayBetweenReconnects: 30000,
  jitterMs: 500,
  connectionTimeout: 5000,
  operationTimeout: 10000,
  maxQueuedRequests: 1000,
  throttling: { enabled: true, rateLimit: 10, retryOn429: false },
  heartbeat: { intervalMs: 15000, timeoutMs: 5000, probe: false },
} as const;

/** The key the heartbeat's probe reads (`heartbeat.probe`): any answer, a 404 included, proves the socket alive. */
export const HEARTBEAT_PROBE_KEY = 'hpkv-rx:heartbeat-probe';

/** A config with every default applied. */
export interface ResolvedConnectionConfig {
  maxReconnectAttempts: number;
  initialDelayBetweenReconnects: number;
  maxDelayBetweenReconnects: number;
  jitterMs: number;
  connectionTimeout: number;
  operationTimeout: number;
  maxQueuedRequests: number;
  throttling: Required<ThrottlingConfig>;
  heartbeat: Required<HeartbeatConfig> | false;
  /** Undefined: the runtime's own (see `runtimeNetworkCues`). */
  networkCues: Observable<NetworkCue> | undefined;
  webSocketFactory: WebSocketFactory | undefined;
  scheduler: SchedulerLike;
  random: () => number;
}

/** A number of milliseconds of at least `min`: the one rule for every delay and timeout, config or per call. */
export function isMilliseconds(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min;
}

// z.number() refuses NaN, Infinity and non-numbers before the range check: its text says "finite".
const count = (field: string) =>
  z.optional(z.number({ error: `${field} must be a finite integer >= 0` }).check(z.refine((n) => Number.isInteger(n) && n >= 0, `${field} must be an integer >= 0`)));
const millis = (field: string, min = 0) =>
  z.optional(
    z
      .number({ error: `${field} must be a finite number of milliseconds >= ${min}` })
      .check(z.refine((n) => isMilliseconds(n, min), `${field} must be a number of milliseconds >= ${min}`)),
  );
const fn = <T>(field: string) => z.optional(z.custom<T>((value) => typeof value === 'function', `${field} must be a function`));

// Strict: a misspelt setting is an error naming it, never silently ignored.
const throttlingSchema = z.strictObject({
  enabled: z.optional(z.boolean({ error: 'throttling.enabled must be a boolean' })),
  rateLimit: z.optional(
    z.number({ error: 'throttling.rateLimit must be a finite number > 0' }).check(z.refine((n) => n > 0, 'throttling.rateLimit must be a number > 0')),
  ),
  retryOn429: z.optional(z.boolean({ error: 'throttling.retryOn429 must be a boolean' })),
});

const heartbeatSchema = z.strictObject(
  {
    intervalMs: millis('heartbeat.intervalMs', 1),
    timeoutMs: millis('heartbeat.timeoutMs', 1),
    probe: z.optional(z.boolean({ error: 'heartbeat.probe must be a boolean' })),
  },
  { error: 'heartbeat must be false or { intervalMs?, timeoutMs?, probe? }' },
);

const configSchema = z.strictObject({
  maxReconnectAttempts: count('maxReconnectAttempts'),
  initialDelayBetweenReconnects: millis('initialDelayBetweenReconnects'),
  maxDelayBetweenReconnects: millis('maxDelayBetweenReconnects'),
  jitterMs: millis('jitterMs'),
  connectionTimeout: millis('connectionTimeout', 1),
  operationTimeout: millis('operationTimeout', 1),
  maxQueuedRequests: count('maxQueuedRequests'),
  throttling: z.optional(throttlingSchema),
  // `false` is taken out before parsing (see resolveConnectionConfig): a union would lose which field was wrong.
  heartbeat: z.optional(heartbeatSchema),
  networkCues: z.optional(z.custom<Observable<NetworkCue>>((value) => isObservable(value), 'networkCues must be an Observable of network cues')),
  webSocketFactory: fn<WebSocketFactory>('webSocketFactory'),
  scheduler: z.optional(
    z.custom<SchedulerLike>(
      (value) => typeof (value as SchedulerLike | null)?.now === 'function' && typeof (value as SchedulerLike | null)?.schedule === 'function',
      'scheduler must be an RxJS scheduler (asyncScheduler, a TestScheduler…)',
    ),
  ),
  random: fn<() => number>('random'),
});

/** The first problem with a config, as one line naming the setting. */
function describeConfigIssue(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  if (issue?.code === 'unrecognized_keys') {
    const path = issue.path.length === 0 ? '' : `${issue.path.map(String).join('.')}.`;
    const known = Object.keys((issue.path[0] === 'heartbeat' ? heartbeatSchema : issue.path.length === 0 ? configSchema : throttlingSchema).def.shape);
    return `unknown setting '${path}${issue.keys[0]}' (known: ${known.join(', ')})`;
  }
  return describeIssues(error);
}

/** The throttling settings with their defaults applied (not validated: see `resolveConnectionConfig`). */
export function resolveThrottlingConfig(throttling: Partial<ThrottlingConfig> = {}): Required<ThrottlingConfig> {
  const d = DEFAULT_CONNECTION_CONFIG.throttling;
  return {
    enabled: throttling.enabled ?? d.enabled,
    rateLimit: throttling.rateLimit ?? d.rateLimit,
    retryOn429: throttling.retryOn429 ?? d.retryOn429,
  };
}

/** The heartbeat settings with their defaults applied, or false when off. */
export function resolveHeartbeatConfig(heartbeat: HeartbeatConfig | false = {}): Required<HeartbeatConfig> | false {
  if (heartbeat === false) return false;
  const d = DEFAULT_CONNECTION_CONFIG.heartbeat;
  return { intervalMs: heartbeat.intervalMs ?? d.intervalMs, timeoutMs: heartbeat.timeoutMs ?? d.timeoutMs, probe: heartbeat.probe ?? d.probe };
}

/**
 * Applies the defaults and validates.
 * @throws HPKVError (code 400) naming the first bad setting.
 */
export function resolveConnectionConfig(config: ConnectionConfig = {}): ResolvedConnectionConfig {
  const result = configSchema.safeParse(config.heartbeat === false ? { ...config, heartbeat: undefined } : config);
  if (!result.success) throw new HPKVError(`Invalid ConnectionConfig: ${describeConfigIssue(result.error)}`, 400);
  const d = DEFAULT_CONNECTION_CONFIG;
  return {
    maxReconnectAttempts: config.maxReconnectAttempts ?? d.maxReconnectAttempts,
    initialDelayBetweenReconnects: config.initialDelayBetweenReconnects ?? d.initialDelayBetweenReconnects,
    maxDelayBetweenReconnects: config.maxDelayBetweenReconnects ?? d.maxDelayBetweenReconnects,
    jitterMs: config.jitterMs ?? d.jitterMs,
    connectionTimeout: config.connectionTimeout ?? d.connectionTimeout,
    operationTimeout: config.operationTimeout ?? d.operationTimeout,
    maxQueuedRequests: config.maxQueuedRequests ?? d.maxQueuedRequests,
    throttling: resolveThrottlingConfig(config.throttling),
    heartbeat: resolveHeartbeatConfig(config.heartbeat),
    networkCues: config.networkCues,
    webSocketFactory: config.webSocketFactory,
    scheduler: config.scheduler ?? asyncScheduler,
    random: config.random ?? Math.random,
  };
}
