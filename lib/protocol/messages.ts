import { type HPKVOperation } from './operation';

/** A request frame, as the official SDK types it. */
export interface HPKVRequestMessage {
  /** Operation to perform. */
  op: HPKVOperation;
  /** Key to operate on (the start key for RANGE). */
  key: string;
  /** Value for SET and PATCH (a string) or the increment for ATOMIC (a number). */
  value?: string | number;
  /** Echoed in the reply, so replies can be matched to requests. */
  messageId?: number;
  /** Inclusive end key for RANGE. */
  endKey?: string;
  /** Maximum number of records for RANGE (default 100, clamped to 1000). */
  limit?: number;
}

/** Fields every reply may carry. */
export interface HPKVBaseResponse {
  /** 200 on success; anything else is an error. */
  code?: number;
  /** Human-readable message. */
  message?: string;
  /** The `messageId` of the request this answers. */
  messageId?: number;
  /** Error text when the operation failed. */
  error?: string;
}

/** Reply to GET. */
export interface HPKVGetResponse extends HPKVBaseResponse {
  key: string;
  /** A string, or a number for counters on servers that store them as numbers. */
  value: string | number;
}

/** Reply to SET. */
export interface HPKVSetResponse extends HPKVBaseResponse {
  success: boolean;
}

/** Reply to PATCH (SET with `partialUpdate`). */
export interface HPKVPatchResponse extends HPKVBaseResponse {
  success: boolean;
}

/** Reply to DELETE. */
export interface HPKVDeleteResponse extends HPKVBaseResponse {
  success: boolean;
}

/** One record of a RANGE reply. */
export interface HPKVRangeRecord {
  key: string;
  value: string;
}

/** Reply to RANGE. */
export interface HPKVRangeResponse extends HPKVBaseResponse {
  /** Records in UTF-8 byte order of their keys, both bounds inclusive. */
  records: HPKVRangeRecord[];
  /** Always `records.length`. */
  count: number;
  /** True when more keys exist in the range past the last one returned. */
  truncated: boolean;
}

/** Reply to ATOMIC (atomic increment). */
export interface HPKVAtomicResponse extends HPKVBaseResponse {
  success: boolean;
  key?: string;
  /** The counter after the increment. */
  newValue: number;
}

/** A key-change notification, sent to connections opened with a subscription token. */
export interface HPKVNotificationResponse {
  type: 'notification';
  key: string;
  /** The new value, or `null` when the key was deleted. */
  value: string | number | null;
  /** When the change happened, epoch milliseconds. */
  timestamp: number;
}

/** An error reply. */
export interface HPKVErrorResponse extends HPKVBaseResponse {
  error: string;
}

/** Any frame the server sends. */
export type HPKVResponse =
  | HPKVGetResponse
  | HPKVSetResponse
  | HPKVPatchResponse
  | HPKVDeleteResponse
  | HPKVRangeResponse
  | HPKVAtomicResponse
  | HPKVNotificationResponse
  | HPKVErrorResponse;
