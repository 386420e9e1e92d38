import { type Socket } from 'node:net';
import { type WebSocket } from 'ws';
import { type KeyMatcher } from '../protocol';
import { type RateLimiter } from './rate-limiter';
import { type Session } from './session';

/** Shared switch for holding every connection's outbound frames (`OutboundGate`). */
export interface ReplyValve {
  /** True while frames must be held. */
  readonly closed: boolean;
  /** What a frame held now waits for: it may leave once the gate releases up to this. */
  readonly position: number;
  /** Called when a connection first holds a frame, so the gate can release it. */
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
  /** The valve position each held frame waits for, in order. */
  private heldAt: number[] = [];
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
    if (this.valve.closed) {
      if (this.held.length === 0) this.valve.holding(this);
      this.held.push(frame);
      this.heldAt.push(this.valve.position);
      this.heldChars += frame.length;
      return;
    }
    this.write(frame);
  }

  /** Writes, in order, the held frames waiting for at most `position`; true when none is left. */
  release(position: number): boolean {
    let count = 0;
    while (count < this.held.length && this.heldAt[count] <= position) {
      this.heldChars -= this.held[count].length;
      this.write(this.held[count++]);
    }
    this.held.splice(0, count);
    this.heldAt.splice(0, count);
    if (count > 0) this.onRelease();
    return this.held.length === 0;
  }

  /** The position the last held frame waits for (-1 when none is held). */
  get heldUntil(): number {
    return this.heldAt.length === 0 ? -1 : this.heldAt[this.heldAt.length - 1];
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
