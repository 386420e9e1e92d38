import { type SchedulerLike, type Subscription } from 'rxjs';
import { SocketClosedError } from '../errors';
import { type HeartbeatConfig } from './heartbeat-config';

/** What the heartbeat needs from the request side (the client wires the pipeline in; specs script it). */
export interface HeartbeatRequests {
  /** Whether requests on the wire still wait for their reply. */
  awaitingReplies(): boolean;
  /** Sends one cheap request through the throttle; its reply, like anything arriving, is activity. */
  probe(): void;
}

/** What the heartbeat is waiting for. */
const NOTHING = 0;
const REPLY = 1;
const PONG = 2;

/**
 * Decides when an open socket is dead. Narrow on purpose: activity in (`activity()`, anything
 * arrived; `sent()`, a request left), a ping or a probe out, `dead` called once. It owns one
 * timer, armed only while it runs (from the socket's open to `stop()`), and re-armed lazily: the
 * per-frame and per-request calls only write fields (the clock is read once per chunk, and once
 * per request sent after something arrived); the timer looks at them when it fires.
 *
 * - Something is owed (a request was sent, or requests still wait for replies, and nothing at all
 *   has arrived since): after `timeoutMs` the socket is dead. Where the socket can ping (Node),
 *   it pings halfway through: a slow server answers the ping, and the pong restarts the count.
 * - Idle (nothing owed) for `intervalMs`: ping (Node), or probe with a request when `probe` is on
 *   (browsers); browsers without `probe` cannot check an idle socket, so no timer runs then.
 * - `check()` (online, page visible): look now, and ping or probe now if nothing is owed.
 */
export class Heartbeat {
  private lastActivity: number;
  /** When the last idle check (ping or probe) was made: the next one is due `intervalMs` after it or after activity. */
  private lastCheck = Number.NEGATIVE_INFINITY;
  private waiting = NOTHING;
  private waitingSince = 0;
  /** A ping went out during this wait for a reply. */
  private pinged = false;
  private action: Subscription | undefined;
  private dueAt = Number.POSITIVE_INFINITY;
  private stopped = false;
  private readonly canPing: boolean;
  private readonly canProbe: boolean;

  constructor(
    private readonly config: Required<HeartbeatConfig>,
    private readonly scheduler: SchedulerLike,
    private readonly socket: { ping?(): void },
    private readonly requests: HeartbeatRequests | undefined,
    private readonly dead: (error: SocketClosedError) => void,
  ) {
    this.canPing = typeof socket.ping === 'function';
    this.canProbe = !this.canPing && config.probe && requests !== undefined;
    this.lastActivity = scheduler.now();
    this.schedule();
  }

  /** Anything arrived (a frame, a pong, part of a frame). */
  activity(): void {
    this.lastActivity = this.scheduler.now();
    this.waiting = NOTHING;
  }

  /** A request went on the wire: a reply is owed. */
  sent(): void {
    if (this.waiting !== NOTHING) return;
    this.waitFor(REPLY, this.scheduler.now());
    // Only when the timer is set for later (an idle check): once per quiet spell, not per request.
    const due = this.nextDue();
    if (due < this.dueAt) this.arm(due);
  }

  /** A cue that the socket may be dead (online again, page visible): look now instead of waiting for the timer. */
  check(): void {
    this.evaluate(true);
  }

  /** Cancels the timer; nothing happens after this. */
  stop(): void {
    this.stopped = true;
    this.action?.unsubscribe();
    this.action = undefined;
  }

  private evaluate(checkNow: boolean): void {
    if (this.stopped) return;
    this.action?.unsubscribe();
    this.action = undefined;
    this.dueAt = Number.POSITIVE_INFINITY;
    const now = this.scheduler.now();
    const { intervalMs, timeoutMs } = this.config;
    // Something arrived, but replies are still owed: the silence counts from that arrival.
    if (this.waiting === NOTHING && this.requests?.awaitingReplies() === true) this.waitFor(REPLY, this.lastActivity);
    if (this.waiting !== NOTHING) {
      const waited = now - this.waitingSince;
      if (waited >= timeoutMs) {
        this.die(now);
        return;
      }
      // Halfway through a silent wait for a reply, ask the server directly: its pong, like any frame, ends the wait.
      if (this.waiting === REPLY && this.canPing && !this.pinged && (checkNow || waited >= timeoutMs / 2)) {
        this.pinged = true;
        this.lastCheck = now;
        this.socket.ping!();
      }
    } else if (checkNow || now - Math.max(this.lastActivity, this.lastCheck) >= intervalMs) {
      this.idleCheck(now);
    }
    this.schedule();
  }

  private waitFor(what: number, since: number): void {
    this.waiting = what;
    this.waitingSince = since;
    this.pinged = false;
  }

  private idleCheck(now: number): void {
    if (this.canPing) this.ping(now);
    else if (this.canProbe) {
      this.lastCheck = now;
      this.requests!.probe();
    }
  }

  private ping(now: number): void {
    this.lastCheck = now;
    this.waitFor(PONG, now);
    this.socket.ping!();
  }

  /** When the timer must next look: the halfway ping, the end of a wait, or the next idle check. */
  private nextDue(): number {
    const { intervalMs, timeoutMs } = this.config;
    if (this.waiting === REPLY && this.canPing && !this.pinged) return this.waitingSince + timeoutMs / 2;
    if (this.waiting !== NOTHING) return this.waitingSince + timeoutMs;
    if (this.canPing || this.canProbe) return Math.max(this.lastActivity, this.lastCheck) + intervalMs;
    // A browser, idle, without probe: nothing can be checked until something is sent.
    return Number.POSITIVE_INFINITY;
  }

  /** Arms the timer for whatever is due next, if anything. */
  private schedule(): void {
    const due = this.nextDue();
    if (due !== Number.POSITIVE_INFINITY) this.arm(due);
  }

  private arm(at: number): void {
    if (this.stopped) return;
    this.action?.unsubscribe();
    this.dueAt = at;
    this.action = this.scheduler.schedule(() => this.evaluate(false), Math.max(0, at - this.scheduler.now()));
  }

  private die(now: number): void {
    const silent = now - this.lastActivity;
    const what = this.waiting === PONG ? 'a ping got no pong' : this.pinged ? 'a request got no reply, a ping no pong,' : 'a request got no reply';
    this.stop();
    this.dead(
      new SocketClosedError(
        `The connection is dead: ${what} and nothing at all arrived for ${silent} ms (heartbeat.timeoutMs ${this.config.timeoutMs}). Reconnecting.`,
        1006,
        `heartbeat: nothing received for ${silent} ms`,
        true,
      ),
    );
  }
}
