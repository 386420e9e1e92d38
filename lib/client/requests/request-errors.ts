import { isReadOperation, operationName } from '../../protocol';
import { ConnectionError, TimeoutError } from '../errors';
import { SENT, type PendingRequest } from './pending-request';

/** What a queued request was waiting for when it timed out. */
export type QueuedFor = 'the connection' | 'a throttling slot';

/** A write that was on the wire when it failed may have been applied. */
function outcomeUnknown(request: PendingRequest): boolean {
  return request.state === SENT && !isReadOperation(request.op);
}

/** The one timeout error: what timed out, after how long, and whether a write may have been applied. */
export function timeoutError(request: PendingRequest, timeoutMs: number, queuedFor: QueuedFor): TimeoutError {
  const what = `${operationName(request.op)} '${request.key}' got no reply within ${timeoutMs} ms`;
  if (request.state !== SENT) return new TimeoutError(`${what} (it was still waiting for ${queuedFor})`);
  if (!outcomeUnknown(request)) return new TimeoutError(what);
  return new TimeoutError(`${what}: the write may or may not have been applied. Read the key back before retrying.`, { outcomeUnknown: true });
}

/** A write on the wire when the connection dropped (a reconnect follows; reads are re-sent instead). */
export function droppedWriteError(request: PendingRequest): ConnectionError {
  return new ConnectionError(
    `Connection lost before the reply to ${operationName(request.op)} '${request.key}': ` +
      'the write may or may not have been applied. Read the key back before retrying.',
    { outcomeUnknown: true },
  );
}

/** A request pending when the connection ended for good. */
export function closedError(request: PendingRequest, reason: Error): ConnectionError {
  if (!outcomeUnknown(request)) return new ConnectionError(reason.message, { cause: reason });
  return new ConnectionError(`${reason.message} (the write may or may not have been applied)`, { outcomeUnknown: true, cause: reason });
}

/** A new request while not connected (`reason`: why the connection closed; none: it never opened). */
export function notConnectedError(reason: Error | undefined): ConnectionError {
  // The official SDK's words ("WebSocket is not open"), then why and what to do.
  return new ConnectionError(`Not connected (WebSocket is not open): ${reason?.message ?? 'call connect() first'}`, { cause: reason });
}

/** A new request while the queue for the connection is full. */
export function queueFullError(maxQueuedRequests: number): ConnectionError {
  return new ConnectionError(
    `Request queue full (${maxQueuedRequests} waiting for the connection): raise maxQueuedRequests or wait for the connection`,
  );
}
