import { describeIssues, HPKVOperation, operationName, requestSchemaByOp } from '../protocol';
import { isMilliseconds } from './config';
import { HPKVError } from './errors';
import { type OutboundRequest } from './multiplexer';

// Lengths in UTF-16 units below which the UTF-8 byte limits cannot be exceeded (3 bytes/unit max).
const SAFE_KEY_UNITS = Math.floor(512 / 3);
const SAFE_VALUE_UNITS = Math.floor(102_400 / 3);

function quickKey(key: unknown): boolean {
  return typeof key === 'string' && key.length > 0 && key.length <= SAFE_KEY_UNITS;
}

/**
 * True when the request is certainly valid, without running the schema: the common case,
 * kept cheap because it runs on every call.
 */
function obviouslyValid(request: OutboundRequest): boolean {
  if (!quickKey(request.key)) return false;
  switch (request.op) {
    case HPKVOperation.GET:
    case HPKVOperation.DELETE:
      return true;
    case HPKVOperation.SET:
    case HPKVOperation.PATCH:
      return typeof request.value === 'string' && request.value.length > 0 && request.value.length <= SAFE_VALUE_UNITS;
    case HPKVOperation.ATOMIC:
      return Number.isSafeInteger(request.value);
    case HPKVOperation.RANGE:
      return quickKey(request.endKey) && (request.limit === undefined || (Number.isInteger(request.limit) && request.limit >= 1));
  }
}

/**
 * Checks a request against the same schema the server uses, before it is sent.
 * @returns an `HPKVError` with code 400 saying what is wrong, or undefined when valid.
 */
export function validateRequest(request: OutboundRequest): HPKVError | undefined {
  if (obviouslyValid(request)) return undefined;
  const schema = requestSchemaByOp[request.op];
  const result = schema.safeParse(request);
  if (result.success) return undefined;
  return new HPKVError(`Invalid ${operationName(request.op)} request: ${describeIssues(result.error)}`, 400);
}

/**
 * Checks a per-call `timeoutMs` (undefined or null: the configured `operationTimeout`).
 * @returns an `HPKVError` with code 400, or undefined when usable.
 */
export function validateTimeout(op: HPKVOperation, timeoutMs: number | undefined): HPKVError | undefined {
  if (timeoutMs == null || isMilliseconds(timeoutMs, 1)) return undefined;
  return new HPKVError(`Invalid ${operationName(op)} request: timeoutMs must be a finite number of milliseconds >= 1 (got ${String(timeoutMs)})`, 400);
}
