import {
  asyncScheduler,
  BehaviorSubject,
  concatMap,
  defer,
  distinctUntilChanged,
  map,
  merge,
  type Observable,
  of,
  Subject,
  take,
  timer,
  type SchedulerLike,
  type Subscription,
} from 'rxjs';
import { resolveThrottlingConfig } from '../config';
import { destroyedError } from '../errors';
import { type ThrottlingConfig, type ThrottlingMetrics } from './throttling-config';

const RECOVERY_STEP_MS = 1000;
const MAX_BACKOFF_MS = 60_000;

/** A `throttleRequest()` caller waiting for its slot. */
interface Caller {
  resume(): void;
  fail(error: Error): void;
}

/**
 * Client-side rate limiting of what goes on the wire. It does not hold requests: the outbox
 * does, and asks `slot$()` before each frame (a `timer` per slot, taken in turn through the
 * outbox's `concatMap`), then reports `released()` when a frame actually left. So requests
 * queued while disconnected and reads re-sent after a reconnect are paced like any other.
 *
 * A 429 cuts the rate to max(10% of the limit, half the current rate) and opens a window of
 * 1 s, 2 s, 4 s… (capped at 60 s) in which nothing is released. After the window the rate
 * climbs back by 10% of the limit per second until it is at the limit again, and the 429
 * streak resets there (the official SDK never recovers).
 */
export class RequestThrottle {
  private settings: Required<ThrottlingConfig>;
  /** Config changes and 429s: a slot being waited for is re-evaluated. */
  private readonly changed$ = new Subject<void>();
  private readonly metricsSubject: BehaviorSubject<ThrottlingMetrics>;
  private lastRelease = Number.NEGATIVE_INFINITY;
  private backoffUntil = Number.NEGATIVE_INFINITY;
  /** Rate right after the last cut; recovery climbs from it. */
  private cutRate: number;
  private streak = 0;

  /** `{ currentRate, queueLength }`, emitted when either changes. */
  readonly metrics$: Observable<ThrottlingMetrics>;

  /** Callers of `throttleRequest()` waiting for their slot, served in turn. */
  private readonly callers = new Set<Caller>();
  private readonly callers$ = new Subject<Caller>();
  private readonly serving: Subscription;

  constructor(
    config: Partial<ThrottlingConfig> = {},
    private readonly scheduler: SchedulerLike = asyncScheduler,
    /** Requests waiting to go on the wire (the outbox owns them). */
    private readonly queueLength: () => number = () => 0,
  ) {
    this.settings = resolveThrottlingConfig(config);
    this.serving = this.callers$.pipe(concatMap((caller) => this.slot$().pipe(map(() => caller)))).subscribe((caller) => {
      this.callers.delete(caller);
      this.released();
      caller.resume();
    });
    this.cutRate = this.limit;
    this.metricsSubject = new BehaviorSubject(this.getMetrics());
    this.metrics$ = this.metricsSubject.pipe(distinctUntilChanged((a, b) => a.currentRate === b.currentRate && a.queueLength === b.queueLength));
  }

  get enabled(): boolean {
    return this.settings.enabled;
  }

  get config(): ThrottlingConfig {
    return { ...this.settings };
  }

  getMetrics(): ThrottlingMetrics {
    return { currentRate: this.rateAt(this.scheduler.now()), queueLength: this.queueLength() };
  }

  /** Milliseconds until the next frame may leave (≤ 0: now). */
  waitTime(): number {
    if (!this.settings.enabled) return 0;
    const now = this.scheduler.now();
    return Math.max(this.backoffUntil - now, this.lastRelease + 1000 / this.rateAt(now) - now);
  }

  /**
   * Completes when the next frame may leave: at once when the slot is free, otherwise after a
   * `timer`, re-evaluated when the config changes or a 429 arrives while waiting.
   */
  slot$(): Observable<void> {
    return defer(() => {
      const wait = this.waitTime();
      if (wait <= 0) return of(undefined);
      return merge(timer(wait, this.scheduler), this.changed$).pipe(
        take(1),
        concatMap(() => this.slot$()),
      );
    });
  }

  /** A frame left now: the next slot counts from here. */
  released(): void {
    if (!this.settings.enabled) return;
    const now = this.scheduler.now();
    this.settleRecovery(now);
    this.lastRelease = now;
    this.publish();
  }

  /** The queue changed: publishes the metrics (`metrics$` drops repeats). */
  refresh(): void {
    this.publish();
  }

  /** A 429 came back: cut the rate and open the backoff window (longer for each 429 in a row). */
  report429(): void {
    const now = this.scheduler.now();
    // A 429 inside an open window answers a request sent before the cut: one burst, one penalty.
    if (now < this.backoffUntil) return;
    this.settleRecovery(now);
    this.cutRate = Math.max(0.1 * this.limit, this.rateAt(now) / 2);
    this.streak++;
    this.backoffUntil = now + Math.min(1000 * 2 ** (this.streak - 1), MAX_BACKOFF_MS);
    this.publish();
    this.changed$.next();
  }

  /** A new limit applies to what is queued at once; disabling releases the queue. */
  updateConfig(config: Partial<ThrottlingConfig>): void {
    const limitChanged = config.rateLimit !== undefined && config.rateLimit !== this.settings.rateLimit;
    this.settings = { ...this.settings, ...config };
    if (limitChanged) {
      this.cutRate = this.limit;
      this.streak = 0;
      this.backoffUntil = Number.NEGATIVE_INFINITY;
    }
    this.publish();
    this.changed$.next();
  }

  /**
   * Resolves when one more request may be sent, in turn with the other callers, and counts it
   * as sent: the official SDK's `ThrottlingManager` API, for pacing work outside this client.
   */
  throttleRequest(): Promise<void> {
    if (this.serving.closed) return Promise.reject(destroyedError());
    return new Promise((resume, fail) => {
      const caller: Caller = { resume, fail };
      this.callers.add(caller);
      this.callers$.next(caller);
    });
  }

  /** The official SDK's name for `report429()`. */
  notify429(): void {
    this.report429();
  }

  /** Completes `metrics$`; a slot being waited for is never released. */
  destroy(): void {
    this.serving.unsubscribe();
    for (const caller of this.callers) caller.fail(destroyedError());
    this.callers.clear();
    this.changed$.complete();
    this.metricsSubject.complete();
  }

  private get limit(): number {
    return this.settings.rateLimit;
  }

  /** Requests per second allowed at `now`: the cut rate, recovering 10% of the limit per second after the window. */
  private rateAt(now: number): number {
    if (this.cutRate >= this.limit || now < this.backoffUntil) return this.cutRate;
    const steps = Math.floor((now - this.backoffUntil) / RECOVERY_STEP_MS);
    return Math.min(this.limit, this.cutRate + steps * 0.1 * this.limit);
  }

  /** Once fully recovered, the cut and the 429 streak are forgotten. */
  private settleRecovery(now: number): void {
    if (this.cutRate < this.limit && this.rateAt(now) >= this.limit) {
      this.cutRate = this.limit;
      this.streak = 0;
    }
  }

  private publish(): void {
    if (!this.metricsSubject.closed) this.metricsSubject.next(this.getMetrics());
  }
}
