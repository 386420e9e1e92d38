import { ConnectionError } from '../errors';
import { createNodeWebSocket, nodeWebSocketAvailable } from './node-web-socket';
import { type WebSocketFactory, type WebSocketLike } from './web-socket-like';

const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';
/** Node with the real `ws` (not its browser stub, nor a bundler's `process` shim). */
const useNodeWebSocket = isNode && nodeWebSocketAvailable;

/**
 * Node: `ws` with write coalescing (and the HTTP status of a refused upgrade). Elsewhere: the
 * global `WebSocket`. Node is checked first because Node 22's global `WebSocket` hides the
 * upgrade status, which is how 401/403 are told apart from network failures.
 */
export const defaultWebSocketFactory: WebSocketFactory = (url) => {
  if (useNodeWebSocket) return createNodeWebSocket(url);
  const Global = (globalThis as { WebSocket?: new (url: string) => WebSocketLike }).WebSocket;
  if (Global === undefined) {
    throw new ConnectionError('No WebSocket implementation: pass ConnectionConfig.webSocketFactory on this runtime');
  }
  return new Global(url);
};
