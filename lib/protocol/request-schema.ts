import * as z from 'zod/mini';
import { MAX_KEY_BYTES, MAX_VALUE_BYTES } from './limits';
import { HPKVOperation } from './operation';
import { utf8ByteLength } from './utf8';

// Error texts here become the server's 400 replies, so each one says what is wrong and how.

const required = (field: string, kind: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? `${field} is required` : `${field} must be ${kind}`;

const key = (field: string) =>
  z.string({ error: required(field, 'a string') }).check(
    z.minLength(1, `${field} must not be empty`),
    z.refine((text) => utf8ByteLength(text) <= MAX_KEY_BYTES, `${field} must be at most ${MAX_KEY_BYTES} bytes`),
  );

const messageId = z.optional(z.number({ error: 'messageId must be a number' }));

const textValue = z.string({ error: required('value', 'a string') }).check(
  z.minLength(1, 'value must not be empty'),
  z.refine((text) => utf8ByteLength(text) <= MAX_VALUE_BYTES, `value must be at most ${MAX_VALUE_BYTES} bytes`),
);

/** GET and DELETE: `{ op, key, messageId? }`. */
export const keyRequestSchema = z.looseObject({
  op: z.union([z.literal(HPKVOperation.GET), z.literal(HPKVOperation.DELETE)]),
  key: key('key'),
  messageId,
});

/** SET and PATCH: `{ op, key, value: string, messageId? }`. */
export const writeRequestSchema = z.looseObject({
  op: z.union([z.literal(HPKVOperation.SET), z.literal(HPKVOperation.PATCH)]),
  key: key('key'),
  value: textValue,
  messageId,
});

/** RANGE: `{ op, key, endKey, limit?, messageId? }`. */
export const rangeRequestSchema = z.looseObject({
  op: z.literal(HPKVOperation.RANGE),
  key: key('key'),
  endKey: key('endKey'),
  limit: z.optional(
    z.number({ error: 'limit must be a positive integer' }).check(
      z.refine((n) => Number.isInteger(n) && n >= 1, 'limit must be a positive integer'),
    ),
  ),
  messageId,
});

/** ATOMIC: `{ op, key, value: integer increment, messageId? }`. */
export const atomicRequestSchema = z.looseObject({
  op: z.literal(HPKVOperation.ATOMIC),
  key: key('key'),
  value: z.number({ error: required('value', 'an integer increment') }).check(
    z.refine((n) => Number.isSafeInteger(n), 'value must be an integer increment'),
  ),
  messageId,
});

export type KeyRequest = z.infer<typeof keyRequestSchema>;
export type WriteRequest = z.infer<typeof writeRequestSchema>;
export type RangeRequest = z.infer<typeof rangeRequestSchema>;
export type AtomicRequest = z.infer<typeof atomicRequestSchema>;

/** A request that passed validation. */
export type ValidRequest = KeyRequest | WriteRequest | RangeRequest | AtomicRequest;

/** The schema for each op code. */
export const requestSchemaByOp = {
  [HPKVOperation.GET]: keyRequestSchema,
  [HPKVOperation.SET]: writeRequestSchema,
  [HPKVOperation.PATCH]: writeRequestSchema,
  [HPKVOperation.DELETE]: keyRequestSchema,
  [HPKVOperation.RANGE]: rangeRequestSchema,
  [HPKVOperation.ATOMIC]: atomicRequestSchema,
} as const;
