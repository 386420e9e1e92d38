import { prefixRange, watchPatternFor } from '../../lib/console/key-range';
import { compareKeys, compileSubscriptionPattern } from '../../lib/protocol';

describe('prefixRange', () => {
  it('covers every key with the prefix, in HPKV key order, and no other', () => {
    const { start, end } = prefixRange('user:');
    const within = (key: string): boolean => compareKeys(start, key) <= 0 && compareKeys(key, end) <= 0;
    for (const key of ['user:', 'user:a', 'user:~', 'user:\u{10FFFE}', 'user:\uFFFF', 'user:😀']) expect(within(key)).toBe(true);
    for (const key of ['user', 'user;', 'usera', 'v']) expect(within(key)).toBe(false);
  });
  it('starts all keys at U+0000, since keys are never empty', () => {
    const { start, end } = prefixRange('');
    expect(start).toBe('\u0000');
    for (const key of ['\u0000', 'a', '😀', '\u{10FFFF}']) expect(compareKeys(start, key) <= 0 && compareKeys(key, end) <= 0).toBe(true);
  });
});

describe('watchPatternFor', () => {
  it('watches the prefix as a glob', () => {
    expect(watchPatternFor('user:')).toBe('user:*');
    expect(watchPatternFor('')).toBe('*');
    expect(compileSubscriptionPattern(watchPatternFor('a.b+'))('a.b+c')).toBe(true);
  });
  it('watches every key when the prefix would read as a pattern (the table narrows it)', () => {
    expect(watchPatternFor('a*b')).toBe('*');
    expect(watchPatternFor('^(')).toBe('*');
  });
});
