import { describeIssues } from './describe-issues';
import { extractMessageId } from './message-id';
import { type HPKVNotificationResponse } from './messages';
import { notificationSchema } from './notification-schema';

/** A frame from the server, as the client sorts it before dispatch. */
export type ServerFrame =
  /** A reply: `messageId` is undefined for error replies the server could not attribute. */
  | { kind: 'reply'; messageId: number | undefined; code: number; body: Record<string, unknown> }
  | { kind: 'notification'; notification: HPKVNotificationResponse }
  /** Not JSON, not an object, or a malformed notification. */
  | { kind: 'invalid'; messageId: number | undefined; reason: string };

/**
 * Parses one frame from the server and sorts it. Never throws. A reply's body is checked
 * against its op's schema later, by whoever knows the op (see `validateReply`).
 */
export function decodeServerFrame(text: string): ServerFrame {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { kind: 'invalid', messageId: extractMessageId(text), reason: 'frame is not valid JSON' };
  }
  return classifyServerFrame(data);
}

/** The second half of `decodeServerFrame`, for a caller that has already parsed the frame. */
export function classifyServerFrame(data: unknown): ServerFrame {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { kind: 'invalid', messageId: undefined, reason: 'frame is not a JSON object' };
  }
  const body = data as Record<string, unknown>;
  const messageId = typeof body.messageId === 'number' ? body.messageId : undefined;
  if (body.type === 'notification') {
    const result = notificationSchema.safeParse(body);
    if (!result.success) {
      return { kind: 'invalid', messageId, reason: `malformed notification: ${describeIssues(result.error)}` };
    }
    return { kind: 'notification', notification: body as unknown as HPKVNotificationResponse };
  }
  if (typeof body.code !== 'number') {
    return { kind: 'invalid', messageId, reason: 'frame has neither a numeric code nor type "notification"' };
  }
  return { kind: 'reply', messageId, code: body.code, body };
}
