import { type HPKVRequestMessage } from './messages';

/** One request frame as sent on the wire. Fields left `undefined` are omitted. */
export function encodeRequest(message: HPKVRequestMessage): string {
  return JSON.stringify(message);
}
