import { Observable, type Subscription, throwError } from 'rxjs';
import { type HPKVOperation } from '../../protocol';
import { type ResolvedConnectionConfig } from '../config';
import { type Link } from '../connection/link';
import { Deadlines } from './deadlines';
import { Multiplexer } from './multiplexer';
import { Outbox } from './outbox';
import { promiseOf, PromiseRequest, SubscriberRequest, type PendingRequest, type RequestCanceller } from './pending-request';
import { type ReplyByOp } from './reply-by-op';
import { destroyedError } from '../errors';
import { timeoutError } from './request-errors';
import { validateRequest } from './request-validation';
import { RequestThrottle } from './throttle';

/** What the pipeline needs from the connection. */
export interface LinkSource {
  /** The current link, then each change (replays the current one on subscribe). */
  readonly link$: Observable<Link>;
  /** Every inbound text frame. */
  readonly frames$: Observable<string>;
}

/**
 * The request path, composed: validate → register (multiplexer + deadline) → outbox (queue,
 * throttle) → link; and back: frame → multiplexer → the request's Promise or subscriber.
 * Every request settles exactly once, through the multiplexer.
 */
export class RequestPipeline implements RequestCanceller {
  readonly multiplexer: Multiplexer;
  readonly throttle: RequestThrottle;
  private readonly deadlines: Deadlines;
  private readonly outbox: Outbox;
  private readonly frames: Subscription;
  private destroyed = false;

  constructor(
    private readonly config: ResolvedConnectionConfig,
    connection: LinkSource,
    report: (error: Error) => void,
  ) {
    this.deadlines = new Deadlines(config.scheduler, (request) => this.expire(request));
    this.multiplexer = new Multiplexer({
      release: (request) => this.deadlines.release(request),
      report,
      rateLimited: (request) => this.rateLimited(request),
    });
    this.throttle = new RequestThrottle(config.throttling, config.scheduler, () => this.multiplexer.queued);
    this.outbox = new Outbox(this.multiplexer, this.throttle, config.maxQueuedRequests, connection.link$);
    this.frames = connection.frames$.subscribe((text) => this.multiplexer.dispatch(text));
  }

  /** Requests not yet settled, queued or on the wire. */
  get size(): number {
    return this.multiplexer.size;
  }

  /** The Promise form: settles straight from the request record, no subscription behind it. */
  promise<Op extends HPKVOperation>(op: Op, key: string, value?: string | number, endKey?: string, limit?: number, timeoutMs?: number): Promise<ReplyByOp[Op]> {
    const invalid = validateRequest(op, key, value, endKey, limit, timeoutMs);
    if (invalid !== undefined) return Promise.reject(invalid);
    if (this.destroyed) return Promise.reject(destroyedError());
    const request = new PromiseRequest(op, key, value, endKey, limit);
    const promise = promiseOf(request);
    this.start(request, timeoutMs);
    return promise as unknown as Promise<ReplyByOp[Op]>;
  }

  /** The Observable form: cold; each subscription is one request, timed from the subscription. */
  observable<Op extends HPKVOperation>(op: Op, key: string, value?: string | number, endKey?: string, limit?: number, timeoutMs?: number): Observable<ReplyByOp[Op]> {
    const invalid = validateRequest(op, key, value, endKey, limit, timeoutMs);
    if (invalid !== undefined) return throwError(() => invalid);
    if (this.destroyed) return throwError(destroyedError);
    return new Observable<ReplyByOp[Op]>((subscriber) => {
      // Operators such as `expand` may subscribe after their consumer left: send nothing then.
      if (subscriber.closed) return undefined;
      const request = new SubscriberRequest(op, key, value, endKey, limit, subscriber as never, this);
      this.start(request, timeoutMs);
      return request;
    });
  }

  /** An Observable-form request was unsubscribed. */
  cancel(request: PendingRequest): void {
    this.multiplexer.abandon(request);
    this.outbox.forget(request);
  }

  /** Resolves once nothing is pending. */
  whenIdle(): Promise<void> {
    return this.multiplexer.whenIdle();
  }

  /** Stops everything; pending requests fail with `error`; nothing stays scheduled. */
  destroy(error: Error): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.frames.unsubscribe();
    this.outbox.close();
    this.multiplexer.failAll(() => error);
    this.multiplexer.notifications.complete();
    this.deadlines.clear();
    this.throttle.destroy();
  }

  private start(request: PendingRequest, timeoutMs: number | undefined): void {
    const refusal = this.destroyed ? destroyedError() : this.outbox.refusal();
    if (refusal !== undefined) {
      request.fail(refusal);
      return;
    }
    this.multiplexer.register(request);
    this.deadlines.add(request, timeoutMs ?? this.config.operationTimeout);
    this.outbox.submit(request);
  }

  private expire(request: PendingRequest): void {
    const timeoutMs = request.bucket?.timeoutMs ?? this.config.operationTimeout;
    this.multiplexer.fail(request, timeoutError(request, timeoutMs, this.outbox.waitingFor()));
    this.outbox.forget(request);
  }

  /** A 429: the throttle slows down; with `retryOn429` the request goes back in the queue. */
  private rateLimited(request: PendingRequest): boolean {
    if (!this.throttle.enabled) return false;
    this.throttle.report429();
    if (!this.throttle.config.retryOn429) return false;
    this.multiplexer.unsent(request);
    this.outbox.requeue(request);
    return true;
  }
}
