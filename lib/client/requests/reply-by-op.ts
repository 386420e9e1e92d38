import {
  type HPKVAtomicResponse,
  type HPKVDeleteResponse,
  type HPKVGetResponse,
  type HPKVOperation,
  type HPKVPatchResponse,
  type HPKVRangeResponse,
  type HPKVSetResponse,
} from '../../protocol';

/** The success reply of each op, so a request's type follows from its op code. */
export interface ReplyByOp {
  [HPKVOperation.GET]: HPKVGetResponse;
  [HPKVOperation.SET]: HPKVSetResponse;
  [HPKVOperation.PATCH]: HPKVPatchResponse;
  [HPKVOperation.DELETE]: HPKVDeleteResponse;
  [HPKVOperation.RANGE]: HPKVRangeResponse;
  [HPKVOperation.ATOMIC]: HPKVAtomicResponse;
}
