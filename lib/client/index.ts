export { HPKVClientFactory } from './client-factory';
export { HPKVApiClient } from './api-client';
export { HPKVSubscriptionClient, type TokenProvider, type HPKVEventHandler, type WatchOptions } from './subscription-client';
export { BaseClient, type ConnectionStats, type RangeQueryOptions } from './base-client';
/** The official SDK's name for the base of both clients (its README documents it). */
export { BaseClient as BaseWebSocketClient } from './base-client';
export { WebsocketTokenManager, type HPKVTokenConfig, type TokenManagerOptions } from './websocket-token-manager';
export { type ConnectionConfig, type RetryConfig, DEFAULT_CONNECTION_CONFIG } from './config';
export { ConnectionState } from './connection/connection-state';
export { type ConnectionEvent, type DisconnectedEvent, type ReconnectingEvent } from './connection/connection-events';
export { HPKVError, ConnectionError, TimeoutError, AuthenticationError, ProtocolError, SocketClosedError, ListenerError, type ConnectionErrorOptions } from './errors';
export { type ThrottlingConfig, type ThrottlingMetrics } from './requests/throttling-config';
export { RequestThrottle } from './requests/throttle';
/** The official SDK's name for its rate limiter: the same `throttleRequest()`, `notify429()`, `getMetrics()`… */
export { RequestThrottle as ThrottlingManager } from './requests/throttle';
export { live$, liveState$, type LiveSource, type LiveValue } from './streams/live';
export { liveRange$, liveRangeState$ } from './streams/live-range';
export { type LiveState } from './streams/live-state';
export { isWatchGap, isWatchNotification, type WatchEvent, type WatchGap, type WatchNotification } from './streams/watch-event';
export { type HeartbeatConfig } from './connection/heartbeat-config';
export { runtimeNetworkCues, type NetworkCue } from './connection/network-cues';
export { scanRange$, type ScanOptions, type RangeReader } from './streams/range-scan';
export { type WebSocketLike, type WebSocketFactory, WS_CONSTANTS } from './connection/web-socket-like';
export { webSocket$, SocketOpened, type SocketEvent } from './connection/web-socket';
export { backoffDelay } from './connection/backoff';
export {
  HPKVOperation,
  KeyPatternError,
  type HPKVRequestMessage,
  type HPKVBaseResponse,
  type HPKVGetResponse,
  type HPKVSetResponse,
  type HPKVPatchResponse,
  type HPKVDeleteResponse,
  type HPKVRangeRecord,
  type HPKVRangeResponse,
  type HPKVAtomicResponse,
  type HPKVNotificationResponse,
  type HPKVErrorResponse,
  type HPKVResponse,
} from '../protocol';
