import { RE2JS } from 're2js';
import { type RegexCompiler } from '../protocol';

/**
 * The server's regular expressions (`^…` subscription patterns, `accessPattern`): RE2, through
 * re2js, which matches in time linear in the key whatever the pattern, so no token can stall
 * the event loop (`^(a+)+$` against 28 `a`s and a `!` backtracks for seconds in JS). Same
 * semantics as `RegExp.test` (unanchored unless the pattern anchors itself); the dialect
 * differences are in the README. A pattern RE2 cannot run throws with the reason.
 */
export const compileRe2: RegexCompiler = (pattern) => {
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(pattern);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(acceptedByJavaScript(pattern) ? `${reason} (${RE2_DIALECT})` : reason);
  }
  return (key) => compiled.test(key);
};

const RE2_DIALECT =
  'the server evaluates regular expressions with RE2, in linear time: backreferences, lookaheads, lookbehinds and \\u escapes are not supported, write \\x{41} for \\u0041';

function acceptedByJavaScript(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}
