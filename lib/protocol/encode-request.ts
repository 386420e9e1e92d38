import { type HPKVRequestMessage } from './messages';
import { HPKVOperation } from './operation';

/**
 * A request as its JSON text frame, built by hand: this runs once per request on the client's
 * hot path, and `JSON.stringify` of an object with absent fields is measurably slower. Strings
 * still go through `JSON.stringify`, so escaping is exactly JSON's. Fields a frame of this op
 * does not carry are left out; so is an undefined `messageId`.
 * @param messageId overrides `message.messageId`, so a caller need not copy the message to add one
 */
export function encodeRequest(message: HPKVRequestMessage, messageId: number | undefined = message.messageId): string {
  const { op, key, value, endKey, limit } = message;
  let frame = `{"op":${op},"key":${JSON.stringify(key)}`;
  if (op === HPKVOperation.RANGE) {
    frame += `,"endKey":${JSON.stringify(endKey)}`;
    if (limit !== undefined) frame += `,"limit":${limit}`;
  } else if (op !== HPKVOperation.GET && op !== HPKVOperation.DELETE && value !== undefined) {
    frame += `,"value":${JSON.stringify(value)}`;
  }
  return messageId === undefined ? `${frame}}` : `${frame},"messageId":${messageId}}`;
}
