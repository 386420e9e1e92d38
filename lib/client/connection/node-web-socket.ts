import { type Socket } from 'node:net';
import WebSocket from 'ws';
import { type WebSocketLike } from './web-socket-like';

/**
 * Whether `ws` is the real client: under the `browser` export condition it resolves to a stub
 * function that throws (ws/browser.js), whose prototype has no `send`.
 */
export function isWebSocketClass(value: unknown): boolean {
  return typeof value === 'function' && typeof (value.prototype as { send?: unknown } | undefined)?.send === 'function';
}

/** `ws` here is the real client. */
export const nodeWebSocketAvailable = isWebSocketClass(WebSocket);

/**
 * `ws` in Node behind the `WebSocketLike` shape. Two things matter here:
 * - frames sent in one event-loop turn leave in one socket write: the TCP socket is corked on
 *   the first send and uncorked on the next tick, so pipelined requests cost one system call
 *   per burst instead of one per frame (≈2.5× throughput);
 * - `ws` events are used directly (no DOM-style `MessageEvent` per frame), and an `error`
 *   listener is always attached, so a failing socket can never throw an unhandled 'error'.
 *
 * Loaded only in Node: browser bundles resolve `ws` to its stub and never call this.
 */
class NodeWebSocket implements WebSocketLike {
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string; wasClean?: boolean }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onactivity: (() => void) | null = null;
  private readonly ws: WebSocket;
  private corked = false;

  constructor(url: string) {
    this.ws = new WebSocket(url, { perMessageDeflate: false });
    this.ws.on('open', () => {
      // Activity is counted per TCP chunk, not per frame: one call per read, however many frames
      // (or pongs, or parts of a frame) it carries, so the heartbeat costs nothing per message.
      this.tcp?.on('data', () => this.onactivity?.());
      this.onopen?.({});
    });
    // One event object, reused for every frame: the handler reads `data` at once and keeps
    // nothing (webSocket$ is the only handler), so no object per frame is needed.
    const event: { data: unknown } = { data: undefined };
    this.ws.on('message', (data: Buffer, isBinary: boolean) => {
      event.data = isBinary ? data : data.toString();
      this.onmessage?.(event);
      event.data = undefined;
    });
    this.ws.on('close', (code: number, reason: Buffer) => this.onclose?.({ code, reason: reason.toString(), wasClean: code === 1000 }));
    this.ws.on('error', (error: Error) => this.onerror?.({ message: error.message, error }));
  }

  get readyState(): number {
    return this.ws.readyState;
  }

  /** ws's TCP socket (`_socket`, set once open). */
  private get tcp(): Socket | undefined {
    return (this.ws as unknown as { _socket?: Socket })._socket;
  }

  send(data: string): void {
    const socket = this.tcp;
    if (!this.corked && socket !== undefined) {
      this.corked = true;
      socket.cork();
      process.nextTick(uncork, this, socket);
    }
    this.ws.send(data);
  }

  ping(): void {
    this.ws.ping();
  }

  /**
   * Sends the close frame (after the frames corked this turn), then releases the TCP socket at
   * once. `ws` would otherwise wait up to 30 s for the peer's close frame, with a timer and the
   * socket held all that time, and a dead peer (the case the heartbeat closes for) never answers.
   */
  close(code?: number, reason?: string): void {
    if (this.corked) this.tcp?.uncork();
    this.ws.close(code, reason);
    this.ws.terminate();
  }

  uncorked(): void {
    this.corked = false;
  }
}

function uncork(owner: NodeWebSocket, socket: Socket): void {
  owner.uncorked();
  socket.uncork();
}

export function createNodeWebSocket(url: string): WebSocketLike {
  return new NodeWebSocket(url);
}
