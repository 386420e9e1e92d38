import {
  DEFAULT_RANGE_LIMIT,
  ErrorText,
  HPKVOperation,
  MAX_RANGE_LIMIT,
  MAX_VALUE_BYTES,
  Status,
  decodeRequest,
  extractMessageId,
  utf8ByteLength,
  type ValidRequest,
} from '../protocol';
import { patchValue, PatchTooDeepError } from './patch-value';
import { RecordStore } from './record-store';
import { type Session } from './session';

/** A reply before `messageId` is added: the body the protocol sheet gives for each op. */
export type ReplyBody = { code: number } & Record<string, unknown>;

/** A successful write: the key and its new value (`null` when deleted). */
export interface Change {
  key: string;
  value: string | null;
}

/** Options for `Engine`. */
export interface EngineOptions {
  /** The store to serve. @default a new, empty `RecordStore` */
  store?: RecordStore;
  /** Clock for notification timestamps, epoch milliseconds. @default Date.now */
  now?: () => number;
}

/** Frames longer than this are refused unread: no valid request can be this large. */
export const MAX_FRAME_CHARS = MAX_VALUE_BYTES + 4096;

const COUNTER = /^-?\d+$/;

function error(code: number, text: string, key?: string): ReplyBody {
  return key === undefined ? { code, error: text } : { code, error: text, key };
}

/**
 * HPKV's semantics with no transport: a request and the session it came from in, a reply and
 * notifications out. The WebSocket transport, the REST routes and the in-memory testing kit
 * all drive this one engine, so they cannot disagree.
 */
export class Engine {
  readonly store: RecordStore;
  private readonly now: () => number;
  private readonly subscribers = new Set<Session>();
  private readonly changeListeners = new Set<(change: Change) => void>();

  constructor(options: EngineOptions = {}) {
    this.store = options.store ?? new RecordStore();
    this.now = options.now ?? Date.now;
  }

  /** Starts routing notifications to a session that has subscriptions. */
  attach(session: Session): void {
    if (session.subscriptions !== undefined) this.subscribers.add(session);
  }

  /** Stops routing to a session (its connection closed). */
  detach(session: Session): void {
    this.subscribers.delete(session);
  }

  /** Observes every successful write (for persistence, logging, the testing kit). */
  onChange(listener: (change: Change) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /**
   * Handles one inbound text frame: replies on `session`, then notifies subscribers. Never
   * throws: whatever the frame holds, the sender gets one reply (500 if something unexpected
   * failed), so a transport can call it from an event handler.
   */
  handleFrame(text: string, session: Session): void {
    let reply: ReplyBody;
    let messageId: number | undefined;
    let change: Change | undefined;
    try {
      if (text.length > MAX_FRAME_CHARS) {
        reply = error(Status.BAD_REQUEST, `frame exceeds ${MAX_FRAME_CHARS} characters`);
        messageId = extractMessageId(text);
      } else {
        const decoded = decodeRequest(text);
        messageId = decoded.ok ? decoded.request.messageId : decoded.messageId;
        if (session.rateLimiter !== undefined && !session.rateLimiter.tryTake()) {
          reply = error(Status.RATE_LIMITED, ErrorText.RATE_LIMITED);
        } else if (!decoded.ok) {
          reply = error(Status.BAD_REQUEST, decoded.error);
        } else {
          [reply, change] = this.execute(decoded.request, session);
        }
      }
    } catch {
      reply = error(Status.INTERNAL, ErrorText.INTERNAL);
      change = undefined;
    }
    // JSON has no Infinity: an id like 1e999 cannot be echoed, so the reply goes without one.
    if (messageId !== undefined && Number.isFinite(messageId)) reply.messageId = messageId;
    session.send(JSON.stringify(reply));
    if (change !== undefined) this.publish(change);
  }

  /**
   * Applies one valid request. Returns the reply body and, for a successful write, the change
   * to publish. The caller publishes after replying, so a writer sees its reply first.
   */
  execute(request: ValidRequest, session: Pick<Session, 'access'>): [ReplyBody, Change | undefined] {
    const { key } = request;
    if (session.access !== undefined) {
      const endKey = request.op === HPKVOperation.RANGE ? request.endKey : undefined;
      if (!session.access(key) || (endKey !== undefined && !session.access(endKey))) {
        return [error(Status.FORBIDDEN, ErrorText.ACCESS_DENIED, key), undefined];
      }
    }
    try {
      return this.apply(request);
    } catch {
      return [error(Status.INTERNAL, ErrorText.INTERNAL, key), undefined];
    }
  }

  /** Sends a change to every matching subscriber and change listener. */
  publish(change: Change): void {
    for (const listener of this.changeListeners) listener(change);
    if (this.subscribers.size === 0) return;
    let frame: string | undefined;
    for (const session of this.subscribers) {
      if (!session.subscriptions!(change.key)) continue;
      // Serialised once, lazily: fan-out to many subscribers costs one stringify.
      frame ??= JSON.stringify({ type: 'notification', key: change.key, value: change.value, timestamp: this.now() });
      session.send(frame);
    }
  }

  private apply(request: ValidRequest): [ReplyBody, Change | undefined] {
    const { key } = request;
    const store = this.store;
    switch (request.op) {
      case HPKVOperation.GET: {
        const value = store.get(key);
        if (value === undefined) return [error(Status.NOT_FOUND, ErrorText.NOT_FOUND, key), undefined];
        return [{ code: Status.OK, key, value }, undefined];
      }
      case HPKVOperation.SET:
        store.set(key, request.value);
        return [{ code: Status.OK, success: true, message: 'Record inserted/updated successfully' }, { key, value: request.value }];
      case HPKVOperation.PATCH: {
        let merged: string;
        try {
          merged = patchValue(store.get(key), request.value);
        } catch (thrown) {
          if (thrown instanceof PatchTooDeepError) return [error(Status.BAD_REQUEST, thrown.message, key), undefined];
          throw thrown;
        }
        if (utf8ByteLength(merged) > MAX_VALUE_BYTES) {
          return [error(Status.BAD_REQUEST, `patched value would exceed ${MAX_VALUE_BYTES} bytes`, key), undefined];
        }
        store.set(key, merged);
        return [{ code: Status.OK, success: true, message: 'Record patched successfully' }, { key, value: merged }];
      }
      case HPKVOperation.DELETE:
        if (!store.delete(key)) return [error(Status.NOT_FOUND, ErrorText.NOT_FOUND, key), undefined];
        return [{ code: Status.OK, success: true, message: 'Record deleted successfully' }, { key, value: null }];
      case HPKVOperation.RANGE: {
        const limit = Math.min(request.limit ?? DEFAULT_RANGE_LIMIT, MAX_RANGE_LIMIT);
        const { records, truncated } = store.range(key, request.endKey, limit);
        return [{ code: Status.OK, records, count: records.length, truncated }, undefined];
      }
      case HPKVOperation.ATOMIC: {
        const stored = store.get(key) ?? '0';
        if (!COUNTER.test(stored)) return [error(Status.BAD_REQUEST, 'stored value is not an integer counter', key), undefined];
        const newValue = Number(stored) + request.value;
        if (!Number.isSafeInteger(newValue)) {
          return [error(Status.BAD_REQUEST, 'counter would leave the safe integer range', key), undefined];
        }
        const text = String(newValue);
        store.set(key, text);
        return [{ code: Status.OK, success: true, key, newValue }, { key, value: text }];
      }
    }
  }
}
