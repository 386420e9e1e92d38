import { type ConnectionState } from './connection-state';
import { type ConnectionError } from '../errors';

/** Payload of `disconnected`, as the official SDK. */
export interface DisconnectedEvent {
  /** WebSocket close code (1000 for a client disconnect, 1006 for a drop). */
  code: number;
  reason: string;
  previousState: ConnectionState;
  /** True when the client asked for it (`disconnect()`, `destroy()`). */
  gracefully: boolean;
}

/** Payload of `reconnecting`, as the official SDK. */
export interface ReconnectingEvent {
  /** 1-based attempt number. */
  attempt: number;
  maxAttempts: number;
  /** Milliseconds until this attempt, jitter included. */
  delay: number;
}

/** The official SDK's event names and the arguments their listeners receive. */
export interface ConnectionEventMap {
  connected: [];
  disconnected: [DisconnectedEvent];
  reconnecting: [ReconnectingEvent];
  reconnectFailed: [ConnectionError];
  error: [Error];
}

export type ConnectionEventName = keyof ConnectionEventMap;

/** One event as `events$` emits it. */
export type ConnectionEvent =
  | { type: 'connected' }
  | ({ type: 'disconnected' } & DisconnectedEvent)
  | ({ type: 'reconnecting' } & ReconnectingEvent)
  | { type: 'reconnectFailed'; error: ConnectionError }
  | { type: 'error'; error: Error };
