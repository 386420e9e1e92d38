import { type SchedulerLike, type Subscription } from 'rxjs';
import { type PendingRequest } from './pending-request';

interface Bucket {
  items: PendingRequest[];
  head: number;
  /** Unsettled requests in `items`. */
  live: number;
  action: Subscription | undefined;
}

/**
 * Request timeouts without a timer per request. Requests with the same timeout are made in
 * deadline order, so each distinct timeout value is one FIFO bucket with one scheduler action
 * armed for its oldest deadline. Settled requests are skipped lazily and compacted away once
 * they outnumber the live ones, so memory follows the live count, not the request rate.
 *
 * (A request re-queued out of order, e.g. after a 429, can expire late by at most the gap to
 * the deadline ahead of it; never early.)
 */
export class DeadlineTimers {
  private readonly buckets = new Map<number, Bucket>();

  constructor(
    private readonly scheduler: SchedulerLike,
    private readonly expire: (request: PendingRequest) => void,
  ) {}

  add(request: PendingRequest): void {
    let bucket = this.buckets.get(request.timeoutMs);
    if (bucket === undefined) {
      bucket = { items: [], head: 0, live: 0, action: undefined };
      this.buckets.set(request.timeoutMs, bucket);
    }
    bucket.items.push(request);
    bucket.live++;
    request.bucket = bucket;
    if (bucket.items.length - bucket.head > 2 * bucket.live + 1024) this.compact(bucket);
    if (bucket.action === undefined) this.arm(request.timeoutMs, bucket);
  }

  /** Drops every bucket and cancels every action. */
  clear(): void {
    for (const bucket of this.buckets.values()) bucket.action?.unsubscribe();
    this.buckets.clear();
  }

  private arm(timeoutMs: number, bucket: Bucket): void {
    const next = bucket.items[bucket.head];
    const delay = Math.max(0, next.deadline - this.scheduler.now());
    bucket.action = this.scheduler.schedule(() => this.fire(timeoutMs, bucket), delay);
  }

  private fire(timeoutMs: number, bucket: Bucket): void {
    bucket.action = undefined;
    const now = this.scheduler.now();
    const { items } = bucket;
    while (bucket.head < items.length) {
      const request = items[bucket.head];
      if (!request.settled) {
        if (request.deadline > now) break;
        this.expire(request);
      }
      bucket.head++;
    }
    if (bucket.head === items.length || bucket.live === 0) {
      this.buckets.delete(timeoutMs);
      return;
    }
    this.compact(bucket);
    this.arm(timeoutMs, bucket);
  }

  private compact(bucket: Bucket): void {
    bucket.items = bucket.items.slice(bucket.head).filter((request) => !request.settled);
    bucket.head = 0;
  }
}
