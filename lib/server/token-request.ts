import * as z from 'zod/mini';
import { subscriptionPatterns } from './token-issuer';
import { describeIssues, KeyPatternError } from '../protocol';
import { compileTokenPatterns } from './token-patterns';

const patternList = (field: string) =>
  z.optional(
    z.array(z.string({ error: `${field} must be an array of strings` }).check(z.minLength(1, `${field} must not contain empty patterns`)), {
      error: `${field} must be an array of strings`,
    }),
  );

/** Body of `POST /token/websocket`. SDK ≤ 1.2 sends `subscribeKeys`, 1.4 `subscribePatterns`. */
const tokenRequestSchema = z.looseObject({
  subscribePatterns: patternList('subscribePatterns'),
  subscribeKeys: patternList('subscribeKeys'),
  accessPattern: z.optional(z.string({ error: 'accessPattern must be a string' })),
});

/** A token request the server can sign. */
export interface TokenRequest {
  patterns: string[];
  accessPattern?: string;
}

/**
 * Validates a token request body: both field names are accepted and their union is used; every
 * pattern must compile as the server runs it (RE2), so a bad or unsupported regular expression
 * is a 400 now rather than a refused connection or a silent never-matching subscription later.
 */
export function parseTokenRequest(body: unknown): { ok: true; request: TokenRequest } | { ok: false; error: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, error: 'body must be a JSON object' };
  const result = tokenRequestSchema.safeParse(body);
  if (!result.success) return { ok: false, error: describeIssues(result.error) };
  const { accessPattern } = result.data;
  const patterns = subscriptionPatterns(result.data);
  try {
    compileTokenPatterns(patterns, accessPattern);
  } catch (error) {
    if (error instanceof KeyPatternError) return { ok: false, error: error.message };
    throw error;
  }
  return { ok: true, request: accessPattern === undefined ? { patterns } : { patterns, accessPattern } };
}
