import { describeIssues } from './describe-issues';
import { extractMessageId } from './message-id';
import { type ValidRequest, requestSchemaByOp } from './request-schema';

/** A request frame decoded by the server: valid, or the reason for a 400 reply. */
export type DecodedRequest =
  | { ok: true; request: ValidRequest }
  | { ok: false; messageId: number | undefined; error: string };

/**
 * Parses and validates one request frame. Never throws: anything wrong becomes `ok: false`
 * with a short reason and, when it can be read, the `messageId` to answer with.
 */
export function decodeRequest(text: string): DecodedRequest {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, messageId: extractMessageId(text), error: 'frame is not valid JSON' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, messageId: undefined, error: 'frame must be a JSON object' };
  }
  const fields = data as Record<string, unknown>;
  const messageId = typeof fields.messageId === 'number' ? fields.messageId : undefined;
  const op = fields.op;
  const schema = typeof op === 'number' ? requestSchemaByOp[op as keyof typeof requestSchemaByOp] : undefined;
  if (schema === undefined) {
    const error =
      op === undefined ? 'op is required' : `unknown op ${JSON.stringify(op)}: expected 1 (GET) to 6 (ATOMIC)`;
    return { ok: false, messageId, error };
  }
  const result = schema.safeParse(data);
  if (!result.success) return { ok: false, messageId, error: describeIssues(result.error) };
  return { ok: true, request: result.data };
}
