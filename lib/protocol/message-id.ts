const MESSAGE_ID = /"messageId"\s*:\s*(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/;
const SCAN_CHARS = 4096;

/**
 * Reads `messageId` from a frame that cannot be parsed (broken or oversized JSON), so the
 * error reply can still be matched to its request. Only the head and tail are scanned: the
 * official SDK writes `messageId` last, and a huge value sits in the middle.
 */
export function extractMessageId(text: string): number | undefined {
  const head = MESSAGE_ID.exec(text.length <= SCAN_CHARS ? text : text.slice(0, SCAN_CHARS));
  const match = head ?? (text.length > SCAN_CHARS ? MESSAGE_ID.exec(text.slice(-SCAN_CHARS)) : null);
  if (match === null) return undefined;
  const id = Number(match[1]);
  return Number.isFinite(id) ? id : undefined;
}
