import { MAX_KEY_BYTES, utf8ByteLength } from '../../protocol';

/**
 * The prefix of a pattern that selects exactly the keys starting with it: a `*` glob whose only
 * `*` is the last character (`product:*` → `product:`, `*` → every key). Undefined for anything
 * else (an exact key, `a*b`, a `^regex`), which no RANGE can re-read.
 */
export function patternPrefix(pattern: string): string | undefined {
  if (pattern.startsWith('^')) return undefined;
  const star = pattern.indexOf('*');
  return star !== -1 && star === pattern.length - 1 ? pattern.slice(0, star) : undefined;
}

/** The largest character of each UTF-8 length (1 to 4 bytes), in UTF-8 byte order. */
const LARGEST = ['', '\u007f', '\u07ff', '\uffff', '\u{10ffff}'];

/**
 * RANGE bounds that hold exactly the keys starting with `prefix`. The end is the prefix followed
 * by the largest characters that fit in a key (512 bytes): no key with the prefix sorts after it
 * in UTF-8 byte order, however long, and the bound is itself a valid key.
 */
export function prefixRange(prefix: string): { start: string; end: string } {
  let room = MAX_KEY_BYTES - utf8ByteLength(prefix);
  let end = prefix + LARGEST[4].repeat(Math.floor(Math.max(room, 0) / 4));
  room %= 4;
  if (room > 0) end += LARGEST[room];
  // Keys are never empty: U+0000 is the smallest one.
  return { start: prefix === '' ? '\u0000' : prefix, end };
}
