import { RE2JS } from 're2js';
import { type RegexCompiler } from '../protocol';

/**
 * RE2 instructions the regular expressions of one token (its `^…` subscription patterns and its
 * `accessPattern`) may compile to, together. RE2 matches in time linear in the key, but the
 * constant grows with the program: a key costs up to (key length × instructions) while the
 * lazy DFA is cold, so this bound is what keeps one key under ~5 ms (`npm run bench:patterns`).
 * Server-only: it is a property of the server's engine, the client never compiles with RE2.
 */
export const MAX_RE2_INSTRUCTIONS = 200;

const RE2_DIALECT =
  'the server evaluates regular expressions with RE2, in linear time: backreferences, lookaheads, lookbehinds and \\u escapes are not supported, write \\x{41} for \\u0041';

/**
 * The server's regular expressions: RE2, through re2js, so no pattern can stall the event loop
 * (`^(a+)+$` against 28 `a`s and a `!` backtracks for seconds in JS). Same semantics as
 * `RegExp.test` (unanchored unless the pattern anchors itself); the dialect differences are in
 * the README. Each compiler charges its patterns to one budget of `budget` instructions: make
 * one per token. A pattern RE2 cannot run, or one past the budget, throws with the reason.
 */
export function createRe2Compiler(budget: number = MAX_RE2_INSTRUCTIONS): RegexCompiler {
  let used = 0;
  return (pattern) => {
    let compiled: RE2JS;
    try {
      compiled = RE2JS.compile(pattern);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(acceptedByJavaScript(pattern) ? `${reason} (${RE2_DIALECT})` : reason);
    }
    const instructions = compiled.re2Input.numberOfInstructions() as number;
    used += instructions;
    if (used > budget) {
      throw new Error(
        `too complex: a token's regular expressions may compile to ${budget} RE2 instructions together, ` +
          `this one takes ${instructions}${used > instructions ? ` after ${used - instructions} used by the others` : ''}; ` +
          'use smaller counted repetitions ({n}), fewer alternatives, or * globs',
      );
    }
    return (key) => compiled.test(key);
  };
}

function acceptedByJavaScript(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}
