import { type Subscriber, type Unsubscribable } from 'rxjs';
import { type OutboundRequest } from './outbound-request';

/** What the multiplexer does when a caller unsubscribes. */
export interface PendingOwner {
  forget(request: PendingRequest): void;
}

/**
 * One request between its call and its reply. Small on purpose (heap per pending request is a
 * benchmark target): it keeps the request, not its encoded frame, and encodes at each send (a
 * read may be re-sent after a reconnect). It is also the teardown of the caller's
 * subscription: unsubscribing forgets it.
 */
export class PendingRequest implements Unsubscribable {
  /** Settled (replied, failed, timed out or forgotten): every later event is ignored. */
  settled = false;
  /** Written to the current socket (as opposed to queued, waiting for a connection). */
  sent = false;
  /** The deadline bucket holding it, so settling can keep the bucket's live count. */
  bucket: { live: number } | undefined = undefined;

  constructor(
    readonly owner: PendingOwner,
    readonly messageId: number,
    readonly request: OutboundRequest,
    readonly subscriber: Subscriber<Record<string, unknown>>,
    /** Absolute scheduler time at which it times out. */
    readonly deadline: number,
    readonly timeoutMs: number,
  ) {}

  unsubscribe(): void {
    if (!this.settled) this.owner.forget(this);
  }
}
