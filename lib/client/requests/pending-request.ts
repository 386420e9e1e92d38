import { type Subscriber, type Unsubscribable } from 'rxjs';
import { type HPKVOperation } from '../../protocol';

/** Waiting in the outbox: registered, not on the wire (never sent, or to be re-sent). */
export const QUEUED = 0;
/** Written to the current socket; its reply is awaited. */
export const SENT = 1;
/** Replied, failed, timed out or abandoned: every later event is ignored. */
export const SETTLED = 2;

/** The deadline bucket a request waits in (see `Deadlines`). */
export interface DeadlineSlot {
  readonly timeoutMs: number;
}

/**
 * One request from its call to its settlement: the only per-request record (heap per pending
 * request is a benchmark target, so it carries the request's own fields instead of a request
 * object, and nothing else). `encodeRequest` reads it directly as the request message.
 */
export abstract class PendingRequest {
  /** Given by the multiplexer when registered; the reply echoes it. */
  messageId = 0;
  state = QUEUED;
  /** When it times out, in ms from the `Deadlines` epoch. */
  deadline = 0;
  /** The deadline bucket holding it; its `timeoutMs` is this request's timeout. */
  bucket: DeadlineSlot | undefined = undefined;
  /** Its place in the bucket (see `Deadlines`). */
  slot = 0;

  constructor(
    readonly op: HPKVOperation,
    readonly key: string,
    readonly value: string | number | undefined,
    readonly endKey: string | undefined,
    readonly limit: number | undefined,
  ) {}

  /** Delivers the reply body. Called once, by whoever settled it. */
  abstract succeed(body: Record<string, unknown>): void;
  /** Delivers the failure. Called once, by whoever settled it. */
  abstract fail(error: Error): void;
}

/** The request whose Promise is being created (see `promiseOf`). */
let capturing: PromiseRequest | undefined;

/** A Promise executor that closes over nothing: one fewer allocation per request. */
function capture(resolve: (body: Record<string, unknown>) => void, reject: (error: Error) => void): void {
  capturing!.resolve = resolve;
  capturing!.reject = reject;
}

/** The Promise a `PromiseRequest` settles (the executor runs synchronously, so `capturing` is this one). */
export function promiseOf(request: PromiseRequest): Promise<Record<string, unknown>> {
  capturing = request;
  const promise = new Promise(capture);
  capturing = undefined;
  return promise;
}

/** The Promise form: settles straight into its Promise, with no RxJS subscription behind it. */
export class PromiseRequest extends PendingRequest {
  /** Set by `promiseOf`. */
  resolve: (body: Record<string, unknown>) => void = noop;
  reject: (error: Error) => void = noop;

  succeed(body: Record<string, unknown>): void {
    this.resolve(body);
  }

  fail(error: Error): void {
    this.reject(error);
  }
}

function noop(): void {}

/** What an abandoned Observable-form request tells. */
export interface RequestCanceller {
  cancel(request: PendingRequest): void;
}

/**
 * The Observable form: one cold subscription over the same record, which is also the
 * subscription's teardown (unsubscribing abandons the request: it leaves the queue, or its
 * reply is ignored, and its deadline is released).
 */
export class SubscriberRequest extends PendingRequest implements Unsubscribable {
  constructor(
    op: HPKVOperation,
    key: string,
    value: string | number | undefined,
    endKey: string | undefined,
    limit: number | undefined,
    private readonly subscriber: Subscriber<Record<string, unknown>>,
    private readonly owner: RequestCanceller,
  ) {
    super(op, key, value, endKey, limit);
  }

  succeed(body: Record<string, unknown>): void {
    this.subscriber.next(body);
    this.subscriber.complete();
  }

  fail(error: Error): void {
    this.subscriber.error(error);
  }

  unsubscribe(): void {
    if (this.state !== SETTLED) this.owner.cancel(this);
  }
}
