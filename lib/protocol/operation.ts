/**
 * The six HPKV operations, with the op codes used on the wire.
 * Same names and values as the official SDK's `HPKVOperation`.
 */
export enum HPKVOperation {
  GET = 1,
  SET = 2,
  PATCH = 3,
  DELETE = 4,
  RANGE = 5,
  ATOMIC = 6,
}

/** Upper-case name of an op code, for messages (`GET`, `SET`, …); `op <n>` when unknown. */
export function operationName(op: number): string {
  return HPKVOperation[op] ?? `op ${op}`;
}

/** Reads are safe to send again after a reconnect; writes are not (their outcome is unknown). */
export function isReadOperation(op: HPKVOperation): boolean {
  return op === HPKVOperation.GET || op === HPKVOperation.RANGE;
}
