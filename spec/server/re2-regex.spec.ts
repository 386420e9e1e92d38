import { createRe2Compiler, MAX_RE2_INSTRUCTIONS } from '../../lib/server/re2-regex';

const compileRe2 = (pattern: string): ((key: string) => boolean) => createRe2Compiler()(pattern);

describe('compileRe2', () => {
  it('tests unanchored, like RegExp.test', () => {
    const matches = compileRe2('user:\\d+');
    expect(['user:1', 'admin:user:22', 'user:x'].map(matches)).toEqual([true, true, false]);
    expect(compileRe2('^user:')('admin:user:1')).toBe(false);
    expect(compileRe2('a$')('ba\n')).toBe(false);
  });

  it('gives the same answer on repeated calls', () => {
    const matches = compileRe2('a');
    expect([matches('a'), matches('a'), matches('b'), matches('a')]).toEqual([true, true, false, true]);
  });

  it('answers the patterns that make a backtracking engine explode, correctly', () => {
    expect(compileRe2('^(a+)+$')(`${'a'.repeat(511)}!`)).toBe(false);
    expect(compileRe2('^(a+)+$')('a'.repeat(512))).toBe(true);
    expect(compileRe2('(x+x+)+y')('x'.repeat(512))).toBe(false);
    expect(compileRe2('^(a|a)*$')(`${'a'.repeat(511)}b`)).toBe(false);
  });

  it('refuses what RE2 cannot run, saying that the server uses RE2 and what to write instead', () => {
    expect(() => compileRe2('^(a)\\1$')).toThrow(/invalid escape sequence: `\\1` \(the server evaluates regular expressions with RE2, in linear time: backreferences, lookaheads/);
    expect(() => compileRe2('^a(?=b)')).toThrow(/RE2/);
    expect(() => compileRe2('(?<=a)b')).toThrow(/RE2/);
    expect(() => compileRe2('\\u0041')).toThrow(/write \\x\{41\} for \\u0041/);
  });

  it('gives only the syntax error for a pattern that is invalid everywhere', () => {
    expect(() => compileRe2('[')).toThrow('error parsing regexp: missing closing ]: `[`');
  });

  it('refuses a pattern whose program is past the budget, saying what to do', () => {
    expect(() => compileRe2('(.*a){200}')).toThrow(
      new RegExp(`^too complex: a token's regular expressions may compile to ${MAX_RE2_INSTRUCTIONS} RE2 instructions together, this one takes \\d+; use smaller counted repetitions`),
    );
  });

  it('charges every pattern of one compiler to the same budget', () => {
    const compile = createRe2Compiler(MAX_RE2_INSTRUCTIONS);
    const pattern = '^x(?:a|b|c){20}$';
    expect(() => {
      for (let i = 0; i < 100; i++) compile(pattern);
    }).toThrow(/after \d+ used by the others/);
    expect(createRe2Compiler()(pattern)('x' + 'a'.repeat(20))).toBe(true);
  });
});
