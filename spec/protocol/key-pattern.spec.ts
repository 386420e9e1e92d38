import {
  KeyPatternError,
  compileAccessPattern,
  compileSubscriptionPattern,
  compileSubscriptionPatterns,
} from '../../lib/protocol/key-pattern';

describe('compileSubscriptionPattern', () => {
  it('matches a plain pattern exactly', () => {
    const matches = compileSubscriptionPattern('product:1');
    expect(matches('product:1')).toBe(true);
    expect(matches('product:10')).toBe(false);
    expect(matches('xproduct:1')).toBe(false);
  });

  it('lets * match any run of characters, and only that', () => {
    const matches = compileSubscriptionPattern('product:*');
    expect(matches('product:a')).toBe(true);
    expect(matches('product:a:b')).toBe(true);
    expect(matches('product:')).toBe(true);
    expect(matches('product')).toBe(false);
    expect(matches('products:a')).toBe(false);
  });

  it('treats regex metacharacters in a glob literally', () => {
    const matches = compileSubscriptionPattern('a.b*(c)');
    expect(matches('a.bxx(c)')).toBe(true);
    expect(matches('aXbxx(c)')).toBe(false);
  });

  it('matches * across newlines', () => {
    expect(compileSubscriptionPattern('k:*')('k:a\nb')).toBe(true);
  });

  it('treats a pattern starting with ^ as a regular expression', () => {
    const matches = compileSubscriptionPattern('^user:\\d+$');
    expect(matches('user:42')).toBe(true);
    expect(matches('user:x')).toBe(false);
  });

  it('rejects an invalid regular expression with a KeyPatternError', () => {
    expect(() => compileSubscriptionPattern('^(')).toThrow(KeyPatternError);
    expect(() => compileSubscriptionPattern('^(')).toThrow(/Invalid key pattern "\^\("/);
  });
});

describe('compileSubscriptionPatterns', () => {
  it('matches when any pattern matches', () => {
    const matches = compileSubscriptionPatterns(['a', 'b:*', '^c\\d$']);
    expect(['a', 'b:1', 'c1'].map(matches)).toEqual([true, true, true]);
    expect(['ab', 'b', 'c12'].map(matches)).toEqual([false, false, false]);
  });

  it('matches nothing when there are no patterns', () => {
    expect(compileSubscriptionPatterns([])('anything')).toBe(false);
  });
});

describe('compileAccessPattern', () => {
  it('tests the regular expression unanchored', () => {
    const matches = compileAccessPattern('user:');
    expect(matches('user:1')).toBe(true);
    expect(matches('admin:user:1')).toBe(true);
    expect(matches('admin')).toBe(false);
  });

  it('honours anchors the pattern itself carries', () => {
    expect(compileAccessPattern('^user:')('admin:user:1')).toBe(false);
  });

  it('gives the same answer on repeated calls (no lastIndex carried over)', () => {
    const matches = compileAccessPattern('a');
    expect([matches('a'), matches('a'), matches('a')]).toEqual([true, true, true]);
  });

  it('rejects an invalid regular expression', () => {
    expect(() => compileAccessPattern('[')).toThrow(KeyPatternError);
  });
});
