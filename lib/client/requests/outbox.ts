import { defer, EMPTY, expand, Subject, Subscription, switchMap, type Observable } from 'rxjs';
import { encodeRequest, isReadOperation } from '../../protocol';
import { type Link } from '../connection/link';
import { type Multiplexer } from './multiplexer';
import { type PendingRequest } from './pending-request';
import { closedError, droppedWriteError, notConnectedError, queueFullError, type QueuedFor } from './request-errors';
import { type RequestThrottle } from './throttle';

type OpenLink = Extract<Link, { kind: 'open' }>;

/**
 * The requests between their call and the wire: it owns the connection queue and what happens
 * to requests when the connection comes and goes.
 *
 * - A request leaves at once when the link is open, nothing is queued ahead of it and the
 *   throttle has a slot (the common case, and the only one on the hot path). Otherwise it
 *   queues, and the queue drains in order through the throttle: each time something changes
 *   (a request queued or abandoned, the link opening), `switchMap` starts a fresh drain that
 *   sends what may go now and then waits on the throttle's `timer` for the next slot, so the
 *   rate limit holds on the wire, after every reconnect too, and no timer runs while nothing
 *   waits.
 * - A drop re-queues the reads that were on the wire (first: they are older) and fails the
 *   writes as outcome-unknown; the end of the connection fails everything.
 * - While connecting, at most `maxQueuedRequests` wait; while closed, nothing does.
 */
export class Outbox {
  /** Requests waiting for the wire, oldest first (a `Set`: one that settles while queued leaves at once). */
  private queue = new Set<PendingRequest>();
  private link: Link = { kind: 'closed' };
  private readonly wake$ = new Subject<void>();
  private readonly subscription = new Subscription();

  constructor(
    private readonly multiplexer: Multiplexer,
    private readonly throttle: RequestThrottle,
    private readonly maxQueuedRequests: number,
    link$: Observable<Link>,
  ) {
    this.subscription.add(link$.subscribe((link) => this.follow(link)));
    this.subscription.add(this.wake$.pipe(switchMap(() => this.drain$())).subscribe());
  }

  /** Why a new request cannot be taken now, or undefined when it can. */
  refusal(): Error | undefined {
    const { link } = this;
    if (link.kind === 'closed') return notConnectedError(link.error);
    if (link.kind === 'waiting' && this.multiplexer.queued >= this.maxQueuedRequests) return queueFullError(this.maxQueuedRequests);
    return undefined;
  }

  /** What a request still in the queue is waiting for, for its timeout message. */
  waitingFor(): QueuedFor {
    return this.link.kind === 'open' ? 'a throttling slot' : 'the connection';
  }

  /** Sends a registered request now, or queues it. */
  submit(request: PendingRequest): void {
    // `queued === 1`: this request is the only one not on the wire, so sending it keeps FIFO.
    if (this.link.kind === 'open' && this.multiplexer.queued === 1 && this.throttle.waitTime() <= 0) this.write(request, this.link);
    else this.enqueue([request], false);
  }

  /** A request answered 429 goes back to the end of the queue (`retryOn429`). */
  requeue(request: PendingRequest): void {
    this.enqueue([request], false);
  }

  /** A queued request settled without being sent (abandoned, timed out): it leaves the queue now. */
  forget(request: PendingRequest): void {
    if (this.queue.delete(request)) this.changed();
  }

  /** Stops following the connection and draining. */
  close(): void {
    this.subscription.unsubscribe();
  }

  private enqueue(requests: PendingRequest[], front: boolean): void {
    if (front) this.queue = new Set([...requests, ...this.queue]);
    else for (const request of requests) this.queue.add(request);
    this.changed();
  }

  /** The queue changed: metrics, and a fresh drain (which may have nothing left to wait for). */
  private changed(): void {
    this.throttle.refresh();
    this.wake$.next();
  }

  /**
   * One drain: sends what may go now, in order; then, while requests wait for a slot, waits on
   * the throttle's timer and goes again. Completes (and holds no timer) once the queue is empty
   * or the link is not open.
   */
  private drain$(): Observable<void> {
    const step$ = defer(() => {
      this.sendWhatMayGo();
      return this.link.kind === 'open' && this.queue.size > 0 ? this.throttle.slot$() : EMPTY;
    });
    return step$.pipe(expand(() => step$));
  }

  private sendWhatMayGo(): void {
    const { link } = this;
    if (link.kind !== 'open') return;
    for (const request of this.queue) {
      if (this.throttle.waitTime() > 0) break;
      this.queue.delete(request);
      // A frame the closing socket refused goes back to the front: stop until the link changes.
      if (!this.write(request, link)) break;
    }
    this.throttle.refresh();
  }

  /** Sends one request; false when the socket is closing and it was kept for later. */
  private write(request: PendingRequest, link: OpenLink): boolean {
    if (!link.send(encodeRequest(request, request.messageId))) {
      // The frame never left. It is sent after the reconnect (or fails with the connection's
      // end), and since it never left, a write is not outcome-unknown.
      this.queue = new Set([request, ...this.queue]);
      return false;
    }
    this.multiplexer.sent(request);
    this.throttle.released();
    return true;
  }

  private follow(link: Link): void {
    const previous = this.link;
    this.link = link;
    if (link.kind === 'open') this.wake$.next();
    else if (link.kind === 'waiting' && previous.kind === 'open') this.dropped();
    else if (link.kind === 'closed' && link.error !== undefined) this.closed(link.error);
  }

  /** Reads on the wire are re-sent after the reconnect, before what was queued; writes fail as outcome-unknown. */
  private dropped(): void {
    const reads: PendingRequest[] = [];
    for (const request of this.multiplexer.inFlightRequests()) {
      if (isReadOperation(request.op)) {
        this.multiplexer.unsent(request);
        reads.push(request);
      } else this.multiplexer.fail(request, droppedWriteError(request));
    }
    if (reads.length > 0) this.enqueue(reads, true);
  }

  private closed(reason: Error): void {
    this.queue.clear();
    this.multiplexer.failAll((request) => closedError(request, reason));
    this.changed();
  }
}
