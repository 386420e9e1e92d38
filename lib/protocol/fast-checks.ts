import { type HPKVNotificationResponse } from './messages';
import { HPKVOperation } from './operation';

// The hot path's checks, beside the schemas they shadow: hand-written for speed, they accept a
// subset of what the zod schemas accept (spec/protocol/fast-checks.spec.ts holds them to that),
// and anything they refuse takes the slow path, where the schemas give the precise reason.

const isText = (value: unknown): boolean => typeof value === 'string';
const isValue = (value: unknown): boolean => typeof value === 'string' || typeof value === 'number';
const isOptionalText = (value: unknown): boolean => value === undefined || typeof value === 'string';

/** A success reply (`code` 200 already checked) whose fields are well-typed for `op`. */
export function isWellFormedReply(op: HPKVOperation, body: Record<string, unknown>): boolean {
  if (body.messageId !== undefined && typeof body.messageId !== 'number') return false;
  switch (op) {
    case HPKVOperation.GET:
      return isText(body.key) && isValue(body.value);
    case HPKVOperation.RANGE: {
      const records = body.records;
      if (!Array.isArray(records) || typeof body.count !== 'number' || typeof body.truncated !== 'boolean') return false;
      for (const record of records as { key?: unknown; value?: unknown }[]) {
        if (typeof record !== 'object' || record === null || !isText(record.key) || !isValue(record.value)) return false;
      }
      return true;
    }
    case HPKVOperation.ATOMIC:
      return typeof body.success === 'boolean' && typeof body.newValue === 'number' && isOptionalText(body.key);
    default:
      return typeof body.success === 'boolean' && isOptionalText(body.message);
  }
}

/** A notification frame (`type` already checked) whose fields are well-typed. */
export function isWellFormedNotification(body: Record<string, unknown>): body is HPKVNotificationResponse & Record<string, unknown> {
  const value = body.value;
  return isText(body.key) && typeof body.timestamp === 'number' && (value === null || isValue(value));
}
