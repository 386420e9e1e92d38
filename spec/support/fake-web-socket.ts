import { type WebSocketFactory, type WebSocketLike } from '../../lib/client/connection/web-socket-like';

/** What a fake socket can do: `browser` has no ping (as browsers' WebSocket), `node` pings as `ws` does. */
export type FakeRuntime = 'browser' | 'node';

/**
 * A scripted WebSocket for marble specs: the test opens, feeds and closes it. As `node`, it also
 * has `ping()` (recorded in `pings`) and reports every inbound frame and pong on `onactivity`.
 */
export class FakeWebSocket implements WebSocketLike {
  readyState = 0;
  readonly sent: string[] = [];
  /** Pings sent (node runtime only). */
  pings = 0;
  closedWith: { code?: number; reason?: string } | undefined;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string; wasClean?: boolean }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onactivity: (() => void) | null = null;
  ping?: () => void;

  constructor(
    readonly url: string,
    readonly runtime: FakeRuntime = 'browser',
  ) {
    if (runtime === 'node') {
      this.ping = () => {
        if (this.readyState !== 1) throw new Error('ping on a socket that is not open');
        this.pings++;
      };
    }
  }

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('send on a socket that is not open');
    this.sent.push(data);
  }

  close(code?: number, reason?: string): void {
    this.closedWith = { code, reason };
    this.readyState = 3;
  }

  /** The server accepted the upgrade. */
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }

  receive(data: unknown): void {
    this.onmessage?.({ data });
    this.onactivity?.();
  }

  /** The peer answers a ping (node runtime: activity without a message). */
  pong(): void {
    this.onactivity?.();
  }

  /** The connection ended from the server side (or the network). */
  drop(code = 1006, reason = ''): void {
    this.readyState = 3;
    this.onclose?.({ code, reason, wasClean: false });
  }

  /** The upgrade was refused with an HTTP status, as `ws` reports it. */
  refuse(status: number): void {
    this.onerror?.({ message: `Unexpected server response: ${status}` });
    this.drop(1006);
  }

  /** Fails before opening as a browser does: an `error` event with no detail, then a 1006 close. */
  failWithoutDetail(): void {
    this.onerror?.({ type: 'error' });
    this.drop(1006);
  }

  /** Fails before opening with a reason, as Node's `ws` reports a network error. */
  failWith(message: string): void {
    this.onerror?.({ message });
    this.drop(1006);
  }

  /** Replies to the last request sent with `body` + its messageId. */
  reply(body: Record<string, unknown>, index = this.sent.length - 1): void {
    const { messageId } = JSON.parse(this.sent[index]) as { messageId: number };
    this.receive(JSON.stringify({ ...body, messageId }));
  }
}

/** A factory that records every socket it makes. */
export function fakeSockets(runtime: FakeRuntime = 'browser'): { factory: WebSocketFactory; sockets: FakeWebSocket[]; last(): FakeWebSocket } {
  const sockets: FakeWebSocket[] = [];
  return {
    factory: (url) => {
      const socket = new FakeWebSocket(url, runtime);
      sockets.push(socket);
      return socket;
    },
    sockets,
    last: () => sockets[sockets.length - 1],
  };
}
