import { compileAccessPattern, compileSubscriptionPatterns, type KeyMatcher } from '../protocol';
import { createRe2Compiler } from './re2-regex';

/** What a token lets a connection see and touch, compiled. */
export interface TokenMatchers {
  /** Keys the connection is notified about. */
  subscriptions: KeyMatcher;
  /** Keys it may touch; absent when any key may be. */
  access?: KeyMatcher;
}

/**
 * Compiles a token's patterns the way the server evaluates them: globs in one pass, regular
 * expressions with RE2 within one instruction budget (`MAX_RE2_INSTRUCTIONS`). The one place the server compiles patterns, so minting a token
 * (refusing what would not compile) and connecting with it cannot disagree.
 * @throws KeyPatternError when a pattern cannot be compiled, with the reason.
 */
export function compileTokenPatterns(patterns: readonly string[], accessPattern?: string): TokenMatchers {
  // One instruction budget for the whole token: many patterns must not add up to a slow key.
  const re2 = createRe2Compiler();
  const subscriptions = compileSubscriptionPatterns(patterns, re2);
  if (accessPattern === undefined) return { subscriptions };
  return { subscriptions, access: compileAccessPattern(accessPattern, re2) };
}
