import { describeIssues } from './describe-issues';
import { type HPKVOperation, operationName } from './operation';
import { errorReplySchema, replySchemaByOp } from './reply-schema';

/**
 * Checks a reply body against the schema of the op it answers (or the error schema when
 * `code` is not 200). Returns `undefined` when it is valid, otherwise why it is not.
 */
export function validateReply(op: HPKVOperation, body: Record<string, unknown>): string | undefined {
  const schema = body.code === 200 ? replySchemaByOp[op] : errorReplySchema;
  if (schema === undefined) return `no reply schema for ${operationName(op)}`;
  const result = schema.safeParse(body);
  if (result.success) return undefined;
  return `malformed ${operationName(op)} reply: ${describeIssues(result.error)}`;
}
