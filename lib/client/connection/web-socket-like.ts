/**
 * The part of the WebSocket API this client uses: the browser's `WebSocket`, `ws`'s, or a test
 * double all fit. Events are assigned as `on*` handlers, which every implementation supports.
 */
export interface WebSocketLike {
  /** 0 CONNECTING, 1 OPEN, 2 CLOSING, 3 CLOSED, as the standard. */
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string; wasClean?: boolean }) => void) | null;
  /** Node's `ws` passes `{ message, error }`; browsers a bare `Event` (no detail, by design). */
  onerror: ((event: unknown) => void) | null;
  /**
   * Sends a WebSocket ping frame; the peer's pong is activity (`onactivity`). Node's `ws` only:
   * browsers' WebSocket cannot, so there the heartbeat listens for silence while replies are owed.
   */
  ping?(): void;
  /**
   * Called whenever anything at all arrives (any frame, a pong, part of a frame), at most once per
   * chunk read from the network. Implemented together with `ping`; without it every frame counts.
   */
  onactivity?: (() => void) | null;
}

/** Creates a socket for a URL. Inject one through `ConnectionConfig.webSocketFactory`. */
export type WebSocketFactory = (url: string) => WebSocketLike;

/** The standard `readyState` values, under the official SDK's name for them. */
export const WS_CONSTANTS = { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 } as const;

/** `readyState` of an open socket. */
export const WEBSOCKET_OPEN = WS_CONSTANTS.OPEN;
