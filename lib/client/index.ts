export { HPKVClientFactory } from './client-factory';
export { HPKVApiClient } from './api-client';
export { HPKVSubscriptionClient, type TokenProvider, type HPKVEventHandler } from './subscription-client';
export { BaseClient, type ConnectionStats, type RangeQueryOptions } from './base-client';
/** The official SDK's name for the base of both clients (its README documents it). */
export { BaseClient as BaseWebSocketClient } from './base-client';
export { WebsocketTokenManager, type HPKVTokenConfig, type TokenManagerOptions } from './websocket-token-manager';
export { type ConnectionConfig, type RetryConfig, DEFAULT_CONNECTION_CONFIG } from './config';
export { ConnectionState } from './connection-state';
export { type ConnectionEvent, type DisconnectedEvent, type ReconnectingEvent } from './connection-events';
export { HPKVError, ConnectionError, TimeoutError, AuthenticationError, ProtocolError, type ConnectionErrorOptions } from './errors';
export { type ThrottlingConfig, type ThrottlingMetrics } from './throttling-config';
export { RequestThrottle } from './throttle';
/** The official SDK's name for its rate limiter: the same `throttleRequest()`, `notify429()`, `getMetrics()`… */
export { RequestThrottle as ThrottlingManager } from './throttle';
export { live$, liveRange$, type LiveSource, type LiveValue } from './live';
export { scanRange$, type ScanOptions, type RangeReader } from './range-scan';
export { type WebSocketLike, type WebSocketFactory, WS_CONSTANTS } from './web-socket-like';
export { webSocket$, SocketOpened, SocketClosedError, type SocketEvent } from './web-socket';
export { backoffDelay } from './backoff';
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
