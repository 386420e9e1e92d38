import {
  asyncScheduler,
  BehaviorSubject,
  concatMap,
  defer,
  distinctUntilChanged,
  EMPTY,
  firstValueFrom,
  merge,
  Observable,
  of,
  Subject,
  take,
  timer,
  type SchedulerLike,
  type Subscription,
} from 'rxjs';
import { ConnectionError, destroyedError, HPKVError, TimeoutError } from './errors';
import { type ThrottlingConfig, type ThrottlingMetrics } from './throttling-config';

/** A request waiting for a slot. */
interface Entry {
  cancelled: boolean;
  release(): void;
  /** Fails the waiting request (the throttle was destroyed). */
  fail(error: Error): void;
}

/** Options of one gated request. */
export interface GateOptions {
  /** Absolute scheduler time after which a still-queued request fails. */
  deadline?: number;
  /** The error for a request that reached its deadline in the queue. @default a TimeoutError */
  timeoutError?: () => Error;
}

const RECOVERY_STEP_MS = 1000;

/**
 * Client-side rate limiting as a stream: requests enter a Subject and leave through
 * `concatMap`, each waiting on a `timer` for its slot (FIFO, at most `currentRate` per second).
 * Nothing is scheduled while the queue is empty, and a disabled throttle is bypassed entirely.
 *
 * A 429 cuts the rate to max(10% of the limit, half the current rate) and opens a window of
 * 1 s, 2 s, 4 s… (capped at 60 s) in which nothing is released. After the window the rate
 * climbs back by 10% of the limit per second until it is at the limit again, and the 429
 * streak resets there (the official SDK never recovers).
 */
export class RequestThrottle {
  private settings: ThrottlingConfig;
  private readonly entries$ = new Subject<Entry>();
  private readonly changed$ = new Subject<void>();
  private readonly metricsSubject: BehaviorSubject<ThrottlingMetrics>;
  private readonly pipeline: Subscription;
  /** Entries not yet released: the queue length, and what destroy() fails. */
  private readonly waiting = new Set<Entry>();
  private lastRelease = Number.NEGATIVE_INFINITY;
  private backoffUntil = Number.NEGATIVE_INFINITY;
  /** Rate right after the last cut; recovery climbs from it. */
  private cutRate: number;
  private streak = 0;

  /** `{ currentRate, queueLength }`, emitted when either changes. */
  readonly metrics$: Observable<ThrottlingMetrics>;

  constructor(
    config: Partial<ThrottlingConfig> = {},
    private readonly scheduler: SchedulerLike = asyncScheduler,
  ) {
    this.settings = { enabled: config.enabled ?? true, rateLimit: config.rateLimit ?? 10, retryOn429: config.retryOn429 ?? false };
    this.cutRate = this.limit;
    this.metricsSubject = new BehaviorSubject(this.getMetrics());
    this.metrics$ = this.metricsSubject.pipe(distinctUntilChanged((a, b) => a.currentRate === b.currentRate && a.queueLength === b.queueLength));
    this.pipeline = this.entries$.pipe(concatMap((entry) => this.slot(entry))).subscribe((entry) => {
      this.waiting.delete(entry);
      this.lastRelease = this.scheduler.now();
      this.publish();
      entry.release();
    });
  }

  get enabled(): boolean {
    return this.settings.enabled;
  }

  get config(): ThrottlingConfig {
    return { ...this.settings };
  }

  /** Requests per second allowed now (lower than the limit while recovering from a 429). */
  get currentRate(): number {
    const now = this.scheduler.now();
    if (this.cutRate >= this.limit || now < this.backoffUntil) return this.cutRate;
    const steps = Math.floor((now - this.backoffUntil) / RECOVERY_STEP_MS);
    const rate = Math.min(this.limit, this.cutRate + steps * 0.1 * this.limit);
    if (rate >= this.limit) {
      this.cutRate = this.limit;
      this.streak = 0;
    }
    return rate;
  }

  getMetrics(): ThrottlingMetrics {
    return { currentRate: this.currentRate, queueLength: this.waiting.size };
  }

  /**
   * Waits for a slot, then subscribes to `request$`. Unsubscribing while queued leaves the
   * queue without using a slot. A 429 from `request$` feeds back into the rate.
   */
  gate<T>(request$: Observable<T>, options: GateOptions = {}): Observable<T> {
    if (!this.settings.enabled) return request$;
    return new Observable<T>((subscriber) => {
      // Before anything is scheduled: a throw from enqueue() would skip the teardown below.
      if (this.pipeline.closed) {
        subscriber.error(destroyedError());
        return undefined;
      }
      let inner: Subscription | undefined;
      let expiry: Subscription | undefined;
      // Set before subscribing: a request that settles synchronously tears down inside subscribe().
      let released = false;
      const entry: Entry = {
        cancelled: false,
        fail: (error) => subscriber.error(error),
        release: () => {
          released = true;
          expiry?.unsubscribe();
          inner = request$.subscribe({
            next: (value) => subscriber.next(value),
            complete: () => subscriber.complete(),
            error: (error: unknown) => {
              if (error instanceof HPKVError && error.code === 429) {
                this.report429();
                if (this.settings.retryOn429 && !subscriber.closed) {
                  released = false;
                  this.enqueue(entry);
                  return;
                }
              }
              subscriber.error(error);
            },
          });
        },
      };
      if (options.deadline !== undefined) {
        const delay = options.deadline - this.scheduler.now();
        expiry = this.scheduler.schedule(() => {
          if (released) return;
          this.cancel(entry);
          subscriber.error(options.timeoutError?.() ?? new TimeoutError('Request timed out while waiting for a throttling slot'));
        }, Math.max(0, delay));
      }
      this.enqueue(entry);
      return () => {
        expiry?.unsubscribe();
        inner?.unsubscribe();
        if (!released) this.cancel(entry);
      };
    });
  }

  /** A 429 came back: cut the rate and open the backoff window (longer for each 429 in a row). */
  report429(): void {
    const now = this.scheduler.now();
    // A 429 inside an open window answers a request sent before the cut: one burst, one penalty.
    if (now < this.backoffUntil) return;
    this.cutRate = Math.max(0.1 * this.limit, this.currentRate / 2);
    this.streak++;
    this.backoffUntil = now + Math.min(1000 * 2 ** (this.streak - 1), 60_000);
    this.publish();
    this.changed$.next();
  }

  /** The official SDK's name for `report429()`. */
  notify429(): void {
    this.report429();
  }

  /**
   * Resolves when a request may be sent, as the official SDK's `ThrottlingManager`: for pacing
   * work outside this client (the client's own requests go through `gate`).
   */
  throttleRequest(): Promise<void> {
    return firstValueFrom(this.gate(of(undefined)));
  }

  /** A new limit applies to what is queued; disabling releases the queue at once. */
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

  /** Fails what is queued (it was never sent) and stops; nothing stays scheduled. */
  destroy(): void {
    const waiting = [...this.waiting];
    this.waiting.clear();
    for (const entry of waiting) {
      entry.cancelled = true;
      entry.fail(new ConnectionError('The client was destroyed before this request left the throttling queue (it was not sent)'));
    }
    this.pipeline.unsubscribe();
    this.entries$.complete();
    this.changed$.complete();
    this.metricsSubject.complete();
  }

  private get limit(): number {
    return this.settings.rateLimit ?? 10;
  }

  private enqueue(entry: Entry): void {
    if (this.pipeline.closed) throw destroyedError();
    entry.cancelled = false;
    this.waiting.add(entry);
    this.publish();
    this.entries$.next(entry);
  }

  private cancel(entry: Entry): void {
    if (entry.cancelled) return;
    entry.cancelled = true;
    this.waiting.delete(entry);
    this.publish();
    this.changed$.next();
  }

  /** Emits the entry when its slot comes; re-evaluates on every config change or 429. */
  private slot(entry: Entry): Observable<Entry> {
    return defer(() => {
      if (entry.cancelled) return EMPTY;
      const wait = this.waitTime();
      if (wait <= 0) return of(entry);
      return merge(timer(wait, this.scheduler), this.changed$).pipe(
        take(1),
        concatMap(() => this.slot(entry)),
      );
    });
  }

  private waitTime(): number {
    if (!this.settings.enabled) return 0;
    const now = this.scheduler.now();
    return Math.max(this.backoffUntil - now, this.lastRelease + 1000 / this.currentRate - now);
  }

  private publish(): void {
    if (!this.metricsSubject.closed) this.metricsSubject.next(this.getMetrics());
  }
}
