import * as z from 'zod/mini';
import { HPKVOperation } from './operation';

// Replies are validated loosely: required fields must have the right type, extra fields are
// kept, so a newer server that adds fields does not break older clients.

const ok = z.literal(200);
const messageId = z.optional(z.number());
const text = z.optional(z.string());

/** GET success: `{ code: 200, key, value, messageId }`. */
export const getReplySchema = z.looseObject({
  code: ok,
  key: z.string(),
  value: z.union([z.string(), z.number()]),
  messageId,
});

/** SET, PATCH and DELETE success: `{ code: 200, success, message?, messageId }`. */
export const writeReplySchema = z.looseObject({
  code: ok,
  success: z.boolean(),
  message: text,
  messageId,
});

/** RANGE success: `{ code: 200, records, count, truncated, messageId }`. */
export const rangeReplySchema = z.looseObject({
  code: ok,
  records: z.array(z.looseObject({ key: z.string(), value: z.union([z.string(), z.number()]) })),
  count: z.number(),
  truncated: z.boolean(),
  messageId,
});

/** ATOMIC success: `{ code: 200, success, key?, newValue, messageId }`. */
export const atomicReplySchema = z.looseObject({
  code: ok,
  success: z.boolean(),
  key: text,
  newValue: z.number(),
  messageId,
});

/** Any error reply: a non-200 `code`, the text in `error` (or `message`). */
export const errorReplySchema = z.looseObject({
  code: z.number(),
  error: text,
  message: text,
  messageId,
});

/** The success schema for each op code. */
export const replySchemaByOp = {
  [HPKVOperation.GET]: getReplySchema,
  [HPKVOperation.SET]: writeReplySchema,
  [HPKVOperation.PATCH]: writeReplySchema,
  [HPKVOperation.DELETE]: writeReplySchema,
  [HPKVOperation.RANGE]: rangeReplySchema,
  [HPKVOperation.ATOMIC]: atomicReplySchema,
} as const;
