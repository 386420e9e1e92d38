/** Largest key the server accepts, in UTF-8 bytes (local choice, see HPKV-PROTOCOL.md). */
export const MAX_KEY_BYTES = 512;

/** Largest value the server accepts, in UTF-8 bytes (local choice, see HPKV-PROTOCOL.md). */
export const MAX_VALUE_BYTES = 102_400;

/** RANGE returns this many records when the request names no `limit`. */
export const DEFAULT_RANGE_LIMIT = 100;

/** RANGE never returns more than this many records, whatever `limit` asks for. */
export const MAX_RANGE_LIMIT = 1000;

/** Appended to the last key of a page to start the next page just after it. */
export const RANGE_NEXT_PAGE_SUFFIX = '\u0000';

/**
 * PATCH merges JSON objects nested at most this deep, the patch and the stored value alike
 * (local choice: serde_json's default; deeper documents are rare and the merge is recursive).
 * A deeper one is refused with 400; SET stores any nesting as it is.
 */
export const MAX_PATCH_DEPTH = 128;
