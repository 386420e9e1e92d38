import { Observable, type Observer } from 'rxjs';
import { ConnectionError, ProtocolError, SocketClosedError } from '../errors';
import { WEBSOCKET_OPEN, type WebSocketFactory, type WebSocketLike } from './web-socket-like';

const noop = (): void => undefined;

/**
 * First event of a socket: it is open. It is also the outbound side, an `Observer` of frames:
 * `next(frame)` sends; `complete()` closes (1000). Inbound frames are the Observable's values,
 * so the pair is the Subject shape of RxJS's `webSocket()`.
 */
export class SocketOpened implements Observer<string> {
  /**
   * Where inbound text frames go instead of down the stream, once set: the connection sets it
   * so each frame reaches the multiplexer in one call, not through the operators that guard the
   * socket's lifecycle (`timeout`, `retry`, `switchMap`), which would run for every frame.
   * Binary frames and the close still come down the stream.
   */
  onFrame: ((text: string) => void) | undefined = undefined;

  constructor(
    readonly socket: WebSocketLike,
    /** Ends the stream with `error` (the socket is closed by its teardown). */
    readonly fail: (error: Error) => void = noop,
  ) {}

  /**
   * Sends one frame. Returns false, rather than losing it silently as `ws` and browsers do,
   * when the socket is already closing: the caller keeps the frame for the next connection.
   */
  send(frame: string): boolean {
    if (this.socket.readyState !== WEBSOCKET_OPEN) return false;
    this.socket.send(frame);
    return true;
  }

  next(frame: string): void {
    if (!this.send(frame)) throw new ConnectionError('The WebSocket is closing: the frame was not sent');
  }

  error(): void {
    this.complete();
  }

  complete(): void {
    if (this.socket.readyState <= WEBSOCKET_OPEN) this.socket.close(1000, 'client closed');
  }
}

/**
 * What `webSocket$` emits: `SocketOpened` once, then each inbound text frame as a string, and a
 * `ProtocolError` (as a value, not an error) for a frame that is not text, so one bad frame
 * never kills the stream.
 */
export type SocketEvent = SocketOpened | string | ProtocolError;

const UPGRADE_STATUS = /Unexpected server response: (\d{3})/;

/**
 * The one primitive that owns a WebSocket. Subscribing opens it; the stream errors with
 * `SocketClosedError` when it closes for any reason the subscriber did not cause; unsubscribing
 * closes it (code 1000), whatever state it is in, so an abandoned attempt never leaks a socket.
 * Cold: each subscription is a new socket, which is what `retry` needs to reconnect.
 */
export function webSocket$(url: string, factory: WebSocketFactory): Observable<SocketEvent> {
  return new Observable<SocketEvent>((subscriber) => {
    let socket: WebSocketLike;
    try {
      socket = factory(url);
    } catch (cause) {
      subscriber.error(new SocketClosedError(`Could not create a WebSocket for ${redact(url)}: ${String(cause)}`, 1006, '', false));
      return undefined;
    }
    let opened: SocketOpened | undefined;
    let failure: string | undefined;
    socket.onopen = () => {
      opened = new SocketOpened(socket, (error) => subscriber.error(error));
      subscriber.next(opened);
    };
    socket.onmessage = (event) => {
      const data = event.data;
      if (typeof data !== 'string') subscriber.next(new ProtocolError('Received a binary frame; HPKV speaks JSON text frames only'));
      else if (opened?.onFrame !== undefined) opened.onFrame(data);
      else subscriber.next(data);
    };
    socket.onerror = (event) => {
      // Keep the detail for the close that follows: browsers give none, `ws` gives the HTTP status.
      const message = (event as { message?: unknown } | null)?.message;
      if (typeof message === 'string') failure = message;
    };
    socket.onclose = (event) => {
      const status = failure === undefined ? undefined : Number(UPGRADE_STATUS.exec(failure)?.[1] ?? NaN) || undefined;
      const what = opened !== undefined ? `Connection closed (code ${event.code}${event.reason ? `: ${event.reason}` : ''})` : 'WebSocket connection failed';
      const detail = failure === undefined ? '' : `: ${failure}`;
      subscriber.error(new SocketClosedError(`${what}${detail}`, event.code, event.reason, opened !== undefined, status, failure));
    };
    return () => {
      socket.onopen = null;
      socket.onmessage = null;
      socket.onclose = null;
      if (socket.onactivity !== undefined) socket.onactivity = null;
      // Not null: `ws` throws an unhandled 'error' when a connecting socket is closed without a listener.
      socket.onerror = noop;
      if (socket.readyState <= WEBSOCKET_OPEN) socket.close(1000, 'client closed');
    };
  });
}

/** The URL without its credential, for messages and logs. */
export function redact(url: string): string {
  return url.replace(/([?&](?:apiKey|token)=)[^&]*/g, '$1…');
}
