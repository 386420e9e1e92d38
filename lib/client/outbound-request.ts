import { type HPKVOperation } from '../protocol';

/** A request before the multiplexer gives it a `messageId`. */
export interface OutboundRequest {
  op: HPKVOperation;
  key: string;
  value?: string | number;
  endKey?: string;
  limit?: number;
}
