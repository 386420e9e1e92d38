import { Observable, type SchedulerLike } from 'rxjs';
import {
  classifyServerFrame,
  decodeServerFrame,
  encodeRequest,
  isReadOperation,
  operationName,
  validateReply,
  type HPKVNotificationResponse,
  type ServerFrame,
} from '../protocol';
import { DeadlineTimers } from './deadline-timers';
import { ConnectionError, HPKVError, ProtocolError, TimeoutError } from './errors';
import { type OutboundRequest } from './outbound-request';
import { isNotification, looksValid } from './fast-frame-checks';
import { PendingRequest, type PendingOwner } from './pending-request';

export { type OutboundRequest };

/** Options for `Multiplexer`. */
export interface MultiplexerOptions {
  scheduler: SchedulerLike;
  /** Requests that may wait while connecting; more fail at once. */
  maxQueuedRequests: number;
  /** Frames that cannot be given to any request. */
  onError: (error: Error) => void;
  /** Every valid notification. */
  onNotification: (notification: HPKVNotificationResponse) => void;
}

/** Where the multiplexer stands with the connection. */
type Mode = 'closed' | 'waiting' | 'open';

/**
 * Matches replies to requests by `messageId`: a `Map` lookup per reply, never a scan of the
 * shared stream. Each request is a cold Observable: subscribing sends it (or queues it while
 * connecting), the reply completes it, unsubscribing forgets it. Every request settles: reply,
 * typed error, timeout, or the connection's end.
 */
export class Multiplexer implements PendingOwner {
  private readonly pending = new Map<number, PendingRequest>();
  private queue: PendingRequest[] = [];
  private inFlight = 0;
  private nextMessageId = 1;
  private mode: Mode = 'closed';
  /** Why the connection closed; undefined before the first connect(). */
  private closedReason: Error | undefined = undefined;
  private send: (frame: string) => boolean = () => false;
  private readonly timers: DeadlineTimers;
  /** Resolvers of `whenIdle()`. */
  private idleWaiters: (() => void)[] = [];
  /** Replies that arrived for requests no longer waiting (unsubscribed or timed out). */
  lateReplies = 0;

  constructor(private readonly options: MultiplexerOptions) {
    this.timers = new DeadlineTimers(options.scheduler, (request) => this.expire(request));
  }

  /** Requests not yet settled, queued or in flight. */
  get size(): number {
    return this.pending.size;
  }

  /**
   * The request as a cold Observable of its reply body.
   * @param deadline absolute scheduler time; defaults to now + timeoutMs
   */
  request$(request: OutboundRequest, timeoutMs: number, deadline?: number): Observable<Record<string, unknown>> {
    return new Observable<Record<string, unknown>>((subscriber) => {
      // Operators such as `expand` may subscribe after their consumer left: send nothing then.
      if (subscriber.closed) return undefined;
      if (this.mode === 'closed') {
        // The official SDK's words ("WebSocket is not open"), then why and what to do.
        const reason = this.closedReason;
        subscriber.error(new ConnectionError(`Not connected (WebSocket is not open): ${reason?.message ?? 'call connect() first'}`, { cause: reason }));
        return undefined;
      }
      if (this.mode === 'waiting' && this.queue.length >= this.options.maxQueuedRequests) {
        subscriber.error(
          new ConnectionError(
            `Request queue full (${this.options.maxQueuedRequests} waiting for the connection): ` +
              'raise maxQueuedRequests or wait for the connection',
          ),
        );
        return undefined;
      }
      const messageId = this.nextMessageId++;
      const now = this.options.scheduler.now();
      const pending = new PendingRequest(this, messageId, request, subscriber, deadline ?? now + timeoutMs, timeoutMs);
      if (pending.deadline <= now) {
        subscriber.error(timeoutError(pending));
        return undefined;
      }
      this.pending.set(messageId, pending);
      this.timers.add(pending);
      if (this.mode === 'open') this.write(pending);
      else this.queue.push(pending);
      return pending;
    });
  }

  /** Resolves once no request is pending (each still settles by reply, error or timeout). */
  whenIdle(): Promise<void> {
    if (this.pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Handles one inbound text frame. */
  dispatch(text: string): void {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      this.dispatchSlow(decodeServerFrame(text), text);
      return;
    }
    // Fast path, the common case: a valid notification, or a well-formed reply to a waiting request.
    if (typeof data === 'object' && data !== null) {
      const body = data as Record<string, unknown>;
      if (body.type === 'notification') {
        if (isNotification(body)) {
          this.options.onNotification(body);
          return;
        }
      } else {
        const request = typeof body.messageId === 'number' ? this.pending.get(body.messageId) : undefined;
        if (request !== undefined && body.code === 200 && looksValid(request.request.op, body) && !misdirected(request, body)) {
          this.succeed(request, body);
          return;
        }
      }
    }
    this.dispatchSlow(classifyServerFrame(data), text);
  }

  /** Everything else: errors, unmatched or malformed frames, with full validation (parsed once). */
  private dispatchSlow(frame: ServerFrame, text: string): void {
    if (frame.kind === 'notification') {
      this.options.onNotification(frame.notification);
      return;
    }
    if (frame.kind === 'invalid') {
      const request = frame.messageId === undefined ? undefined : this.pending.get(frame.messageId);
      const error = new ProtocolError(`Invalid frame from the server: ${frame.reason}`, text.slice(0, 200));
      if (request === undefined) this.options.onError(error);
      else this.fail(request, error);
      return;
    }
    let request = frame.messageId === undefined ? undefined : this.pending.get(frame.messageId);
    if (frame.messageId === undefined) {
      request = this.soleCandidate(frame);
      if (request === undefined) {
        this.options.onError(
          frame.code === 200
            ? new ProtocolError('A success reply without messageId cannot be matched to a request; it was ignored (the request it answers will time out)', text.slice(0, 200))
            : replyError(frame.body, frame.code, 'Unattributed error reply (no messageId)'),
        );
        return;
      }
    }
    if (request === undefined) {
      this.lateReplies++;
      return;
    }
    const invalid = validateReply(request.request.op, frame.body);
    if (invalid !== undefined) this.fail(request, new ProtocolError(invalid, text.slice(0, 200)));
    else if (misdirected(request, frame.body)) {
      const name = `${operationName(request.request.op)} '${request.request.key}'`;
      this.fail(request, new ProtocolError(`${name} got a reply for key '${String(frame.body.key)}': the server misdirected it, so it was not used`, text.slice(0, 200)));
    } else if (frame.code === 200) this.succeed(request, frame.body);
    else this.fail(request, replyError(frame.body, frame.code));
  }

  /**
   * The request a reply without `messageId` belongs to, when that can be known: only an error
   * reply (the server could not read the request's `messageId`, so it could not echo it), and
   * only while exactly one request is out. A success reply is never guessed: it would give one
   * key's value to another key's request.
   */
  private soleCandidate(frame: Extract<ServerFrame, { kind: 'reply' }>): PendingRequest | undefined {
    if (frame.code === 200 || frame.body.messageId != null || this.inFlight !== 1) return undefined;
    return this.soleInFlight();
  }

  /** The connection is being established: new requests queue. */
  waiting(): void {
    this.mode = 'waiting';
  }

  /** The connection is open: send what waited, re-sent reads first (they are older). */
  opened(send: (frame: string) => boolean): void {
    this.send = send;
    this.mode = 'open';
    const queued = this.queue;
    this.queue = [];
    for (const request of queued) if (!request.settled) this.write(request);
  }

  /**
   * The connection dropped and will be retried. Reads in flight go back to the queue to be
   * re-sent (a read is safe to repeat); writes in flight fail, because the server may or may
   * not have applied them and repeating one blindly could apply it twice.
   */
  dropped(): void {
    this.mode = 'waiting';
    const resend: PendingRequest[] = [];
    for (const request of this.pending.values()) {
      if (!request.sent) continue;
      request.sent = false;
      if (isReadOperation(request.request.op)) resend.push(request);
      else {
        this.fail(
          request,
          new ConnectionError(
            `Connection lost before the reply to ${operationName(request.request.op)} '${request.request.key}': ` +
              'the write may or may not have been applied. Read the key back before retrying.',
            { outcomeUnknown: true },
          ),
        );
      }
    }
    this.inFlight = 0;
    resend.sort((a, b) => a.messageId - b.messageId);
    this.queue = resend.concat(this.queue.filter((request) => !request.settled));
  }

  /** The connection is over: everything pending fails with `error` (writes in flight as outcome-unknown). */
  closed(error: Error): void {
    this.mode = 'closed';
    this.closedReason = error;
    this.send = () => false;
    const requests = [...this.pending.values()];
    this.queue = [];
    for (const request of requests) {
      const outcomeUnknown = request.sent && !isReadOperation(request.request.op);
      const message = outcomeUnknown ? `${error.message} (the write may or may not have been applied)` : error.message;
      this.fail(request, new ConnectionError(message, { outcomeUnknown, cause: error }));
    }
    this.inFlight = 0;
    this.timers.clear();
  }

  forget(request: PendingRequest): void {
    this.settle(request);
  }

  /**
   * Sends, or keeps the request queued when the socket is already closing: the close that
   * follows re-sends it after the reconnect, or fails it, and since it never left, a write
   * is not outcome-unknown.
   */
  private write(request: PendingRequest): void {
    if (!this.send(encodeRequest(request.request, request.messageId))) {
      this.queue.push(request);
      return;
    }
    request.sent = true;
    this.inFlight++;
  }

  private soleInFlight(): PendingRequest | undefined {
    for (const request of this.pending.values()) if (request.sent) return request;
    return undefined;
  }

  private settle(request: PendingRequest): void {
    request.settled = true;
    this.pending.delete(request.messageId);
    if (request.sent) this.inFlight--;
    if (request.bucket !== undefined) request.bucket.live--;
    if (this.pending.size === 0 && this.idleWaiters.length > 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  private succeed(request: PendingRequest, body: Record<string, unknown>): void {
    this.settle(request);
    request.subscriber.next(body);
    request.subscriber.complete();
  }

  private fail(request: PendingRequest, error: Error): void {
    this.settle(request);
    request.subscriber.error(error);
  }

  private expire(request: PendingRequest): void {
    this.fail(request, timeoutError(request));
  }
}

/** A reply that names a key other than its request's: answering someone else, never to be used. */
function misdirected(request: PendingRequest, body: Record<string, unknown>): boolean {
  return typeof body.key === 'string' && body.key !== request.request.key;
}

function timeoutError(request: PendingRequest): TimeoutError {
  const what = `${operationName(request.request.op)} '${request.request.key}' got no reply within ${request.timeoutMs} ms`;
  if (!request.sent) return new TimeoutError(`${what} (it was still waiting for the connection)`);
  if (isReadOperation(request.request.op)) return new TimeoutError(what);
  // Sent, so possibly applied (a stalled network delays the reply, not the write).
  return new TimeoutError(`${what}: the write may or may not have been applied. Read the key back before retrying.`, { outcomeUnknown: true });
}

function replyError(body: Record<string, unknown>, code: number, prefix?: string): HPKVError {
  const text = typeof body.error === 'string' ? body.error : typeof body.message === 'string' ? body.message : 'Unknown error';
  return new HPKVError(prefix === undefined ? text : `${prefix}: ${text}`, code);
}
