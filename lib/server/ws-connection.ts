import { type Socket } from 'node:net';
import { type WebSocket } from 'ws';
import { type KeyMatcher } from '../protocol';
import { type RateLimiter } from './rate-limiter';
import { type Session } from './session';

/** Shared switch for holding every connection's outbound frames (a test fault). */
export interface ReplyValve {
  readonly paused: boolean;
  /** Called when a connection first holds a frame, so resume can find it. */
  holding(connection: WsConnection): void;
}

function uncork(connection: WsConnection): void {
  connection.flush();
}

/**
 * One WebSocket connection as the engine sees it. Outbound frames written in the same
 * event-loop turn are coalesced into one system call: the socket is corked on the first write
 * and uncorked on the next tick, so a burst of pipelined replies costs one `write(2)`, not one
 * per frame.
 */
export class WsConnection implements Session {
  private corked = false;
  private held: string[] = [];
  private heldChars = 0;
  /** Called after held frames were written, so flow control can look again. */
  onRelease: () => void = () => undefined;

  constructor(
    readonly ws: WebSocket,
    private readonly socket: Socket,
    private readonly valve: ReplyValve,
    readonly subscriptions: KeyMatcher | undefined,
    readonly access: KeyMatcher | undefined,
    readonly rateLimiter: RateLimiter | undefined,
  ) {}

  send(frame: string): void {
    if (this.valve.paused) {
      if (this.held.length === 0) this.valve.holding(this);
      this.held.push(frame);
      this.heldChars += frame.length;
      return;
    }
    this.write(frame);
  }

  /** Writes what was held while replies were paused, in order. */
  release(): void {
    const frames = this.held;
    this.held = [];
    this.heldChars = 0;
    for (const frame of frames) this.write(frame);
    this.onRelease();
  }

  /** Bytes not handed to the network yet: the socket's buffer and the frames held back (UTF-16 length, close enough). */
  get pendingBytes(): number {
    return this.ws.bufferedAmount + this.heldChars;
  }

  /** Sends a frame now, bypassing pause (for raw-frame fault tests). */
  write(frame: string): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(uncork, this);
    }
    this.ws.send(frame);
  }

  flush(): void {
    this.corked = false;
    this.socket.uncork();
  }
}
