import { describeIssues, HPKVOperation, MAX_KEY_BYTES, MAX_VALUE_BYTES, operationName, requestSchemaByOp } from '../../protocol';
import { isMilliseconds } from '../config';
import { HPKVError } from '../errors';

// Lengths in UTF-16 units up to which the UTF-8 byte limits cannot be exceeded (3 bytes per unit at most).
const SAFE_KEY_UNITS = Math.floor(MAX_KEY_BYTES / 3);
const SAFE_VALUE_UNITS = Math.floor(MAX_VALUE_BYTES / 3);

function quickKey(key: unknown): boolean {
  return typeof key === 'string' && key.length > 0 && key.length <= SAFE_KEY_UNITS;
}

/**
 * True when the request is certainly valid, without running the schema: the common case,
 * kept cheap because it runs on every call.
 */
function obviouslyValid(op: HPKVOperation, key: unknown, value: unknown, endKey: unknown, limit: unknown): boolean {
  if (!quickKey(key)) return false;
  switch (op) {
    case HPKVOperation.GET:
    case HPKVOperation.DELETE:
      return true;
    case HPKVOperation.SET:
    case HPKVOperation.PATCH:
      return typeof value === 'string' && value.length > 0 && value.length <= SAFE_VALUE_UNITS;
    case HPKVOperation.ATOMIC:
      return Number.isSafeInteger(value);
    case HPKVOperation.RANGE:
      return quickKey(endKey) && (limit === undefined || (Number.isInteger(limit) && (limit as number) >= 1));
    default:
      return false;
  }
}

/**
 * Checks a request against the same schema the server uses, and its per-call timeout, before
 * anything is sent.
 * @returns an `HPKVError` with code 400 saying what is wrong, or undefined when valid.
 */
export function validateRequest(op: HPKVOperation, key: unknown, value: unknown, endKey: unknown, limit: unknown, timeoutMs: unknown): HPKVError | undefined {
  if (timeoutMs != null && !isMilliseconds(timeoutMs, 1)) {
    return new HPKVError(`Invalid ${operationName(op)} request: timeoutMs must be a finite number of milliseconds >= 1 (got ${String(timeoutMs)})`, 400);
  }
  if (obviouslyValid(op, key, value, endKey, limit)) return undefined;
  const request: Record<string, unknown> = { op, key };
  if (value !== undefined) request.value = value;
  if (endKey !== undefined) request.endKey = endKey;
  if (limit !== undefined) request.limit = limit;
  const result = requestSchemaByOp[op].safeParse(request);
  if (result.success) return undefined;
  return new HPKVError(`Invalid ${operationName(op)} request: ${describeIssues(result.error)}`, 400);
}
