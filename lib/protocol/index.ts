export { HPKVOperation, operationName, isReadOperation } from './operation';
export {
  MAX_KEY_BYTES,
  MAX_VALUE_BYTES,
  DEFAULT_RANGE_LIMIT,
  MAX_RANGE_LIMIT,
  RANGE_NEXT_PAGE_SUFFIX,
  MAX_PATCH_DEPTH,
} from './limits';
export { Status, ErrorText } from './status';
export type {
  HPKVRequestMessage,
  HPKVBaseResponse,
  HPKVGetResponse,
  HPKVSetResponse,
  HPKVPatchResponse,
  HPKVDeleteResponse,
  HPKVRangeRecord,
  HPKVRangeResponse,
  HPKVAtomicResponse,
  HPKVNotificationResponse,
  HPKVErrorResponse,
  HPKVResponse,
} from './messages';
export {
  keyRequestSchema,
  writeRequestSchema,
  rangeRequestSchema,
  atomicRequestSchema,
  requestSchemaByOp,
  type KeyRequest,
  type WriteRequest,
  type RangeRequest,
  type AtomicRequest,
  type ValidRequest,
} from './request-schema';
export {
  getReplySchema,
  writeReplySchema,
  rangeReplySchema,
  atomicReplySchema,
  errorReplySchema,
  replySchemaByOp,
} from './reply-schema';
export { notificationSchema } from './notification-schema';
export { describeIssues } from './describe-issues';
export { extractMessageId } from './message-id';
export { encodeRequest } from './encode-request';
export { decodeRequest, type DecodedRequest } from './decode-request';
export { decodeServerFrame, classifyServerFrame, type ServerFrame } from './decode-server-frame';
export { validateReply } from './validate-reply';
export { isWellFormedReply, isWellFormedNotification } from './fast-checks';
export { utf8ByteLength } from './utf8';
export { compareKeys } from './key-order';
export {
  compileSubscriptionPattern,
  compileSubscriptionPatterns,
  compileAccessPattern,
  compileNativeRegex,
  KeyPatternError,
  type KeyMatcher,
  type RegexCompiler,
} from './key-pattern';
