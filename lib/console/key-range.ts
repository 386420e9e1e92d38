/** The largest code point: in UTF-8 byte order (HPKV's key order) no character sorts after it. */
const LAST_CHARACTER = '\u{10FFFF}';
/** The smallest key there is: keys must not be empty, and nothing sorts before U+0000. */
const FIRST_KEY = '\u0000';

/** The RANGE bounds of every key that starts with `prefix` ('' for all keys). */
export function prefixRange(prefix: string): { start: string; end: string } {
  return { start: prefix === '' ? FIRST_KEY : prefix, end: prefix + LAST_CHARACTER };
}

/**
 * The `watch$` pattern for a prefix: a `*` glob, unless the prefix itself would read as a
 * pattern (a `*` inside, or a leading `^` regex): then every key, narrowed by the table.
 */
export function watchPatternFor(prefix: string): string {
  return prefix.includes('*') || prefix.startsWith('^') ? '*' : `${prefix}*`;
}
