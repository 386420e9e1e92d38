import { asyncScheduler, type SchedulerLike, type Subscription } from 'rxjs';
import { type DeadlineSlot, type PendingRequest } from './pending-request';

/** The requests sharing one timeout value, in deadline order. */
class Bucket implements DeadlineSlot {
  /** Live requests at `slot - base`; a settled one leaves a hole (undefined). */
  items: (PendingRequest | undefined)[] = [];
  /** Slot number of `items[0]`. */
  base = 0;
  /** Index of the oldest entry not yet expired or passed over. */
  head = 0;
  /** Live requests in `items`. */
  live = 0;
  /** `items` before this index have their deadline set (see `Deadlines.stamp`). */
  stamped = 0;
  action: Subscription | undefined = undefined;

  constructor(readonly timeoutMs: number) {}
}

/**
 * The one owner of request timeouts, from the call to the settlement (queue, throttle and
 * wire time included), without a timer per request: requests with the same timeout are made
 * in deadline order, so each distinct timeout value is one FIFO bucket with one scheduler
 * action armed for its oldest live deadline. A request that settles leaves its bucket at once
 * (its slot is emptied, so nothing settled is kept alive), and a bucket whose last request
 * settles cancels its action: no timer outlives the work it guards. Holes are compacted away
 * once they outnumber the live requests.
 *
 * (A request re-queued out of order, e.g. after a 429, can expire late by at most the gap to
 * the deadline ahead of it; never early.)
 */
export class Deadlines {
  private readonly buckets = new Map<number, Bucket>();
  /**
   * In real time (`asyncScheduler` telling the wall-clock time), the requests made after the
   * first in one event-loop turn share one clock reading, taken at the end of the turn (a
   * microtask), rather than one per request: no deadline is early (the reading is after every
   * call it covers), one is late by at most the rest of its turn. A virtual scheduler (a `TestScheduler`, or
   * `asyncScheduler` inside `TestScheduler.run()`, whose clock starts at 0 and whose microtasks
   * do not run during a flush) or a custom one gets an exact reading per request, so marble
   * timings are exact.
   */
  private readonly perTurn: boolean;
  private unstamped: Bucket[] = [];
  private stamping = false;
  /**
   * Deadlines are kept relative to this, so they stay small integers: an absolute epoch-ms
   * deadline does not fit V8's small-integer range and would be a heap number per request.
   */
  private readonly epoch: number;

  constructor(
    private readonly scheduler: SchedulerLike,
    private readonly expire: (request: PendingRequest) => void,
  ) {
    this.epoch = scheduler.now();
    // The one look at the wall clock in the client: is this scheduler's time real?
    this.perTurn = scheduler === asyncScheduler && Math.abs(this.epoch - Date.now()) < 60_000;
  }

  /** Starts the request's clock: it expires `timeoutMs` from now unless released first. */
  add(request: PendingRequest, timeoutMs: number): void {
    let bucket = this.buckets.get(timeoutMs);
    if (bucket === undefined) {
      bucket = new Bucket(timeoutMs);
      this.buckets.set(timeoutMs, bucket);
    }
    request.bucket = bucket;
    request.slot = bucket.base + bucket.items.length;
    bucket.items.push(request);
    bucket.live++;
    if (this.stamping) {
      // Not the turn's first: stamped with the turn's last reading, when it ends.
      if (bucket.stamped === bucket.items.length - 1) this.unstamped.push(bucket);
      return;
    }
    // The turn's first request (or any, on a virtual scheduler) reads the clock itself, so a lone
    // request is armed at once, with no extra work between its call and its frame leaving.
    this.stampBucket(bucket, this.scheduler.now() - this.epoch);
    if (this.perTurn) {
      this.stamping = true;
      // Batching, not time (like the socket's write coalescing): the end of this turn.
      queueMicrotask(this.stamp);
    }
  }

  /** The end of a turn: one clock reading for every request added in it. */
  private readonly stamp = (): void => {
    this.stamping = false;
    const now = this.scheduler.now() - this.epoch;
    const buckets = this.unstamped;
    this.unstamped = [];
    for (const bucket of buckets) this.stampBucket(bucket, now);
  };

  /** Sets the deadline of the requests added since the last reading, then arms or tidies the bucket. */
  private stampBucket(bucket: Bucket, now: number): void {
    const { items } = bucket;
    const deadline = now + bucket.timeoutMs;
    for (let i = bucket.stamped; i < items.length; i++) {
      const request = items[i];
      if (request !== undefined) request.deadline = deadline;
    }
    bucket.stamped = items.length;
    if (bucket.live === 0) return;
    if (bucket.action === undefined) this.arm(bucket);
    else if (items.length > 2 * bucket.live + 1024) this.compact(bucket);
  }

  /** The request settled: it no longer needs its deadline, and its bucket no longer holds it. */
  release(request: PendingRequest): void {
    const bucket = request.bucket as Bucket | undefined;
    if (bucket === undefined) return;
    request.bucket = undefined;
    bucket.items[request.slot - bucket.base] = undefined;
    if (--bucket.live === 0) this.drop(bucket);
  }

  /** Cancels every action (the client is going away). */
  clear(): void {
    for (const bucket of this.buckets.values()) bucket.action?.unsubscribe();
    this.buckets.clear();
  }

  private arm(bucket: Bucket): void {
    const { items } = bucket;
    while (items[bucket.head] === undefined) bucket.head++;
    const delay = Math.max(0, items[bucket.head]!.deadline - (this.scheduler.now() - this.epoch));
    bucket.action = this.scheduler.schedule(() => this.fire(bucket), delay);
  }

  private fire(bucket: Bucket): void {
    bucket.action = undefined;
    const now = this.scheduler.now() - this.epoch;
    const { items } = bucket;
    while (bucket.head < items.length) {
      const request = items[bucket.head];
      if (request !== undefined) {
        if (request.deadline > now) break;
        // expire() settles it, which releases it from this bucket (and may drop the bucket).
        this.expire(request);
      }
      bucket.head++;
    }
    if (bucket.live === 0) {
      this.drop(bucket);
      return;
    }
    this.compact(bucket);
    this.arm(bucket);
  }

  private drop(bucket: Bucket): void {
    bucket.action?.unsubscribe();
    bucket.action = undefined;
    if (this.buckets.get(bucket.timeoutMs) === bucket) this.buckets.delete(bucket.timeoutMs);
  }

  /** Drops the holes: the live requests move down, keeping their order, and learn their new slots. */
  private compact(bucket: Bucket): void {
    const live: PendingRequest[] = [];
    for (let i = bucket.head; i < bucket.items.length; i++) {
      const request = bucket.items[i];
      if (request !== undefined) live.push(request);
    }
    bucket.base += bucket.items.length;
    for (let i = 0; i < live.length; i++) live[i].slot = bucket.base + i;
    bucket.items = live;
    bucket.head = 0;
    bucket.stamped = live.length;
  }
}
