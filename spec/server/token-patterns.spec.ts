import { KeyPatternError } from '../../lib/protocol';
import { compileTokenPatterns } from '../../lib/server/token-patterns';

describe('compileTokenPatterns', () => {
  it('compiles exact keys, globs and ^ regexes into one subscription matcher', () => {
    const { subscriptions, access } = compileTokenPatterns(['k', 'p:*', '^r:\\d+$']);
    expect(['k', 'p:1', 'r:12', 'r:x', 'q'].map(subscriptions)).toEqual([true, true, true, false, false]);
    expect(access).toBeUndefined();
  });

  it('compiles the access pattern unanchored', () => {
    const { access } = compileTokenPatterns([], 'public:');
    expect(['public:1', 'x:public:1', 'secret'].map(access!)).toEqual([true, true, false]);
  });

  it('refuses a pattern RE2 cannot run with a KeyPatternError naming it', () => {
    expect(() => compileTokenPatterns(['^(a)\\1$'])).toThrow(KeyPatternError);
    expect(() => compileTokenPatterns([], '(?!x)')).toThrow(/Invalid key pattern "\(\?!x\)"/);
  });
});
