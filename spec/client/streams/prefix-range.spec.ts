import { patternPrefix, prefixRange } from '../../../lib/client/streams/prefix-range';
import { compareKeys, MAX_KEY_BYTES, utf8ByteLength } from '../../../lib/protocol';

describe('patternPrefix', () => {
  it.each([
    ['product:*', 'product:'],
    ['*', ''],
    ['a:b:*', 'a:b:'],
  ])('%j is the prefix %j', (pattern, prefix) => {
    expect(patternPrefix(pattern)).toBe(prefix);
  });

  it.each(['product:1', 'a*b', '*a', 'a**', '^product:.*', ''])('%j is not a prefix pattern', (pattern) => {
    expect(patternPrefix(pattern)).toBeUndefined();
  });
});

describe('prefixRange', () => {
  const inRange = ({ start, end }: { start: string; end: string }, key: string): boolean => compareKeys(start, key) <= 0 && compareKeys(key, end) <= 0;

  it('holds every key with the prefix, the longest and the highest included, and nothing else', () => {
    const range = prefixRange('p:');
    const longest = 'p:' + '\u{10ffff}'.repeat(127) + '\u07ff'; // 2 + 508 + 2 = 512 bytes
    expect(utf8ByteLength(longest)).toBe(MAX_KEY_BYTES);
    for (const key of ['p:', 'p:a', 'p:\u{10ffff}', 'p:\u{10ffff}\u{10ffff}x', longest]) expect(inRange(range, key)).toBe(true);
    for (const key of ['p', 'p9', 'q:', 'o:zzz']) expect(inRange(range, key)).toBe(false);
  });

  it('is itself a valid key (at most 512 bytes), whatever the prefix length', () => {
    for (const prefix of ['', 'p:', 'x'.repeat(509), 'x'.repeat(510), 'x'.repeat(511)]) {
      const { end } = prefixRange(prefix);
      expect(utf8ByteLength(end)).toBe(MAX_KEY_BYTES);
      expect(inRange(prefixRange(prefix), prefix + '\u007f'.repeat(MAX_KEY_BYTES - prefix.length))).toBe(true);
    }
  });

  it('starts at the prefix, or at the smallest key for every key', () => {
    expect(prefixRange('p:').start).toBe('p:');
    expect(prefixRange('').start).toBe('\u0000');
  });
});
