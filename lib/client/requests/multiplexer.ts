import {
  classifyServerFrame,
  decodeServerFrame,
  isWellFormedNotification,
  isWellFormedReply,
  operationName,
  validateReply,
  type HPKVNotificationResponse,
  type ServerFrame,
} from '../../protocol';
import { HPKVError, ProtocolError } from '../errors';
import { FanOut } from '../fan-out';
import { QUEUED, SENT, SETTLED, type PendingRequest } from './pending-request';

/** What the multiplexer needs around it. */
export interface MultiplexerOptions {
  /** Forgets a settled request's deadline. */
  release(request: PendingRequest): void;
  /** Frames that belong to no request, reported on the client's `error` event. */
  report(error: Error): void;
  /** A 429 reply: true when the request was put back in the queue instead of failing. */
  rateLimited(request: PendingRequest): boolean;
}

/**
 * Matches replies to requests by `messageId`: a `Map` of every registered request, one lookup
 * per reply. Every settlement goes through here (reply, error, timeout, drop, abandon), so a
 * request settles once and its record leaves the Map and its deadline at that moment.
 * Notifications are passed on as they are.
 */
export class Multiplexer {
  private readonly pending = new Map<number, PendingRequest>();
  private nextMessageId = 1;
  private idleWaiters: (() => void)[] = [];
  /** Registered requests that are on the wire (the rest wait in the outbox). */
  inFlight = 0;
  /** Every valid notification, in arrival order. */
  readonly notifications = new FanOut<HPKVNotificationResponse>();

  constructor(private readonly options: MultiplexerOptions) {}

  /** Registered requests not yet settled, queued or on the wire. */
  get size(): number {
    return this.pending.size;
  }

  /** Registered requests waiting in the outbox. */
  get queued(): number {
    return this.pending.size - this.inFlight;
  }

  register(request: PendingRequest): void {
    request.messageId = this.nextMessageId++;
    this.pending.set(request.messageId, request);
  }

  /** The request's frame went on the wire. */
  sent(request: PendingRequest): void {
    request.state = SENT;
    this.inFlight++;
  }

  /** The request is back in the queue (a drop to re-send it after, a 429 to retry). */
  unsent(request: PendingRequest): void {
    if (request.state !== SENT) return;
    request.state = QUEUED;
    this.inFlight--;
  }

  /** Requests on the wire, oldest first. */
  inFlightRequests(): PendingRequest[] {
    const sent: PendingRequest[] = [];
    if (this.inFlight > 0) for (const request of this.pending.values()) if (request.state === SENT) sent.push(request);
    return sent;
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
    // Fast path, the common case: a valid notification, or a well-formed reply to a request on the wire.
    if (typeof data === 'object' && data !== null) {
      const body = data as Record<string, unknown>;
      if (body.type === 'notification') {
        if (isWellFormedNotification(body)) {
          this.notifications.next(body);
          return;
        }
      } else if (body.code === 200 && typeof body.messageId === 'number') {
        const request = this.pending.get(body.messageId);
        if (request !== undefined && request.state === SENT && isWellFormedReply(request.op, body) && !misdirected(request, body)) {
          this.succeed(request, body);
          return;
        }
      }
    }
    this.dispatchSlow(classifyServerFrame(data), text);
  }

  succeed(request: PendingRequest, body: Record<string, unknown>): void {
    if (this.settle(request)) request.succeed(body);
  }

  fail(request: PendingRequest, error: Error): void {
    if (this.settle(request)) request.fail(error);
  }

  /** The caller left: the request settles silently. */
  abandon(request: PendingRequest): void {
    this.settle(request);
  }

  /** Fails every registered request, each with its own error. */
  failAll(errorFor: (request: PendingRequest) => Error): void {
    for (const request of [...this.pending.values()]) this.fail(request, errorFor(request));
  }

  /** Resolves once no request is registered (each still settles by reply, error or timeout). */
  whenIdle(): Promise<void> {
    if (this.pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Everything else: errors, unmatched or malformed frames, with full validation (parsed once). */
  private dispatchSlow(frame: ServerFrame, text: string): void {
    if (frame.kind === 'notification') {
      this.notifications.next(frame.notification);
      return;
    }
    const snippet = text.slice(0, 200);
    if (frame.kind === 'invalid') {
      const request = this.onTheWire(frame.messageId);
      const error = new ProtocolError(`Invalid frame from the server: ${frame.reason}`, snippet);
      if (request === undefined) this.options.report(error);
      else this.fail(request, error);
      return;
    }
    let request: PendingRequest | undefined;
    if (frame.messageId !== undefined) request = this.onTheWire(frame.messageId);
    else if (frame.code !== 200 && frame.body.messageId == null && this.inFlight === 1) {
      // An error reply the server could not attribute (it could not read the request's
      // messageId, so it could not echo it): it is ours when only one request is on the wire.
      // A success reply is never guessed: it would give one key's value to another key's request.
      request = this.inFlightRequests()[0];
    } else {
      this.options.report(
        frame.code === 200
          ? new ProtocolError('A success reply without messageId cannot be matched to a request; it was ignored (the request it answers will time out)', snippet)
          : new HPKVError(`Unattributed error reply (no messageId): ${replyText(frame.body)}`, frame.code),
      );
      return;
    }
    // A reply to a request no longer waiting (it timed out or was abandoned): nothing to do.
    if (request === undefined) return;
    const invalid = validateReply(request.op, frame.body);
    if (invalid !== undefined) this.fail(request, new ProtocolError(invalid, snippet));
    else if (misdirected(request, frame.body)) {
      const name = `${operationName(request.op)} '${request.key}'`;
      this.fail(request, new ProtocolError(`${name} got a reply for key '${String(frame.body.key)}': the server misdirected it, so it was not used`, snippet));
    } else if (frame.code === 200) this.succeed(request, frame.body);
    else if (frame.code !== 429 || !this.options.rateLimited(request)) this.fail(request, new HPKVError(replyText(frame.body), frame.code));
  }

  /** The registered request with this id, if it is on the wire (a reply to anything else is not believed). */
  private onTheWire(messageId: number | undefined): PendingRequest | undefined {
    const request = messageId === undefined ? undefined : this.pending.get(messageId);
    return request?.state === SENT ? request : undefined;
  }

  /** Settles once: out of the Map and the deadlines. False when it had already settled. */
  private settle(request: PendingRequest): boolean {
    if (request.state === SETTLED) return false;
    if (request.state === SENT) this.inFlight--;
    request.state = SETTLED;
    this.pending.delete(request.messageId);
    this.options.release(request);
    if (this.pending.size === 0 && this.idleWaiters.length > 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
    return true;
  }
}

/** A reply that names a key other than its request's: answering someone else, never to be used. */
function misdirected(request: PendingRequest, body: Record<string, unknown>): boolean {
  return typeof body.key === 'string' && body.key !== request.key;
}

function replyText(body: Record<string, unknown>): string {
  return typeof body.error === 'string' ? body.error : typeof body.message === 'string' ? body.message : 'Unknown error';
}
