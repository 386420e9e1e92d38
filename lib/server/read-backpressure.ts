import { type Socket } from 'node:net';
import { type WebSocket } from 'ws';

/**
 * Outbound bytes a connection may have waiting (unsent replies and notifications) before the
 * server stops reading its requests. Past it, pipelined requests wait unread until the client
 * has taken its replies, so a client that sends and never reads costs about this much memory,
 * plus one reply, instead of every reply it asked for.
 */
export const MAX_PENDING_REPLY_BYTES = 1024 * 1024;

/** Flow control of one WebSocket connection. */
export interface ConnectionStats {
  /** Bytes of replies and notifications not yet handed to the network. */
  bufferedBytes: number;
  /** Requests received and not yet handled (only while reading is paused). */
  waitingRequests: number;
  /** True while the server does not read this connection's requests. */
  readingPaused: boolean;
}

/**
 * Flow control toward one slow reader. Requests are handled as they arrive while the
 * connection's pending bytes are under `limit`; over it, the socket is paused and the frames
 * already received (a paused socket stops new ones, but `ws` still delivers those it has
 * parsed) wait in arrival order. When the socket drains, or frames held back by the server are
 * released (`recheck()`), they are handled until the bound is passed again, and reading
 * resumes once none wait.
 */
export class ReadBackpressure {
  private readonly waiting: (() => void)[] = [];
  private paused = false;
  private awaitingDrain = false;

  /**
   * @param pendingBytes what the connection has not handed to the network yet: the socket's
   *   buffer plus any frames the server holds back for it.
   * @param onFlowChange called when reading pauses or resumes (for `waitForConnectionStats`).
   */
  constructor(
    private readonly ws: WebSocket,
    private readonly socket: Socket,
    private readonly pendingBytes: () => number,
    private readonly onFlowChange: () => void = () => undefined,
    private readonly limit: number = MAX_PENDING_REPLY_BYTES,
  ) {}

  /** Handles a received frame (`handle` answers it) now, or queues it while over the limit. */
  receive(handle: () => void): void {
    if (this.waiting.length === 0 && this.pendingBytes() <= this.limit) {
      handle();
      return;
    }
    this.waiting.push(handle);
    if (this.paused) return;
    this.paused = true;
    this.ws.pause();
    this.awaitDrain();
    this.onFlowChange();
  }

  /** Looks again after held frames were released: handles what now fits, resumes when all did. */
  recheck(): void {
    if (!this.paused || this.ws.readyState !== this.ws.OPEN) return;
    while (this.waiting.length > 0 && this.pendingBytes() <= this.limit) this.waiting.shift()!();
    if (this.waiting.length > 0) return this.awaitDrain();
    this.paused = false;
    this.ws.resume();
    this.onFlowChange();
  }

  /** What a spec or a monitor may want to know about this connection's flow. */
  stats(): ConnectionStats {
    return { bufferedBytes: this.pendingBytes(), waitingRequests: this.waiting.length, readingPaused: this.paused };
  }

  /** Forgets the waiting requests (the connection closed: nobody would read their replies). */
  clear(): void {
    this.waiting.length = 0;
  }

  private awaitDrain(): void {
    // Over the limit in the socket means a write returned false, so 'drain' comes once it is
    // empty; what is over it in held frames comes back through recheck() when they leave.
    if (this.awaitingDrain) return;
    this.awaitingDrain = true;
    this.socket.once('drain', this.drained);
  }

  private readonly drained = (): void => {
    this.awaitingDrain = false;
    this.recheck();
  };
}
