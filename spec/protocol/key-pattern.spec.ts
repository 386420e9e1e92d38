import {
  KeyPatternError,
  compileAccessPattern,
  compileSubscriptionPattern,
  compileSubscriptionPatterns,
  type RegexCompiler,
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

  it.each([
    ['*', '', true],
    ['*', 'anything', true],
    ['a*', 'a', true],
    ['*a', 'ba', true],
    ['a*a', 'a', false],
    ['a*a', 'aa', true],
    ['ab*ba', 'aba', false],
    ['*ab*ab*', 'xabyab', true],
    ['*ab*ab*', 'xaby', false],
    ['**', 'x', true],
    ['a**b', 'ab', true],
    ['x*y*z', 'xzyz', true],
    ['x*y*z', 'xzy', false],
    ['*aab', 'aaab', true],
    ['a*b*c', 'abcbc', true],
    ['*b*c', 'bcb', false],
  ])('glob %j against %j is %s', (pattern, key, expected) => {
    expect(compileSubscriptionPattern(pattern)(key)).toBe(expected);
  });

  it('answers the same as a regular-expression glob on every short key', () => {
    const patterns = ['*a*b*', 'a*a*a', '*ab*', 'b**a', '*', 'a*', '*b', 'ab*ba*ab'];
    const keys: string[] = [''];
    for (let length = 1; length <= 6; length++) {
      for (let n = 0; n < 2 ** length; n++) keys.push(n.toString(2).padStart(length, '0').replace(/0/g, 'a').replace(/1/g, 'b'));
    }
    for (const pattern of patterns) {
      const reference = new RegExp(`^${pattern.split('*').join('.*')}$`, 's');
      const matches = compileSubscriptionPattern(pattern);
      expect(keys.filter(matches)).toEqual(keys.filter((key) => reference.test(key)));
    }
  });

  it('answers a glob that makes a backtracking matcher explode (8.7 s before), correctly', () => {
    const matches = compileSubscriptionPattern('*a*a*a*a*a*a*a*!');
    expect(matches('a'.repeat(64))).toBe(false);
    expect(matches(`${'a'.repeat(64)}!`)).toBe(true);
    expect(compileSubscriptionPattern(`${'*a'.repeat(256)}*!`)('a'.repeat(511))).toBe(false);
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

describe('the regular-expression engine seam', () => {
  it('compiles ^ patterns and access patterns with the engine it is given, globs and exact keys without it', () => {
    const seen: string[] = [];
    const engine: RegexCompiler = (pattern) => {
      seen.push(pattern);
      return (key) => key === 'yes';
    };
    const matches = compileSubscriptionPatterns(['^x', 'a*', 'exact'], engine);
    expect(compileAccessPattern('acc', engine)('yes')).toBe(true);
    expect(seen).toEqual(['^x', 'acc']);
    expect(['yes', 'ab', 'exact', 'no'].map(matches)).toEqual([true, true, true, false]);
  });

  it('turns an engine refusal into a KeyPatternError with its reason', () => {
    const refusing: RegexCompiler = () => {
      throw new Error('no backreferences here');
    };
    expect(() => compileAccessPattern('(a)\\1', refusing)).toThrow(new KeyPatternError('(a)\\1', 'no backreferences here'));
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
