import { HPKVOperation, type HPKVNotificationResponse } from '../protocol';

/**
 * The success replies' required fields, checked by hand for speed; anything that fails here
 * takes the slow path, where the zod schemas give the precise reason.
 */
export function looksValid(op: HPKVOperation, body: Record<string, unknown>): boolean {
  switch (op) {
    case HPKVOperation.GET:
      return typeof body.key === 'string' && (typeof body.value === 'string' || typeof body.value === 'number');
    case HPKVOperation.RANGE: {
      if (!Array.isArray(body.records) || typeof body.count !== 'number' || typeof body.truncated !== 'boolean') return false;
      for (const record of body.records as { key?: unknown; value?: unknown }[]) {
        if (typeof record !== 'object' || record === null || typeof record.key !== 'string') return false;
        if (typeof record.value !== 'string' && typeof record.value !== 'number') return false;
      }
      return true;
    }
    case HPKVOperation.ATOMIC:
      return typeof body.newValue === 'number';
    default:
      return body.success === true || body.success === false;
  }
}

export function isNotification(body: Record<string, unknown>): body is HPKVNotificationResponse & Record<string, unknown> {
  const value = body.value;
  return typeof body.key === 'string' && typeof body.timestamp === 'number' && (value === null || typeof value === 'string' || typeof value === 'number');
}
