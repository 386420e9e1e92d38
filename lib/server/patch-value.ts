import { MAX_PATCH_DEPTH } from '../protocol';
import { isPlainObject, mergeJson } from './json-merge-patch';
import { nestsDeeperThan } from './json-depth';

/** A PATCH that cannot be merged because a JSON object nests too deep (a 400, not a crash). */
export class PatchTooDeepError extends Error {
  readonly code = 400;
  constructor(which: 'value' | 'stored value') {
    super(
      which === 'value'
        ? `value nests deeper than ${MAX_PATCH_DEPTH} levels: PATCH merges JSON up to ${MAX_PATCH_DEPTH} levels deep, use SET to store it whole`
        : `the stored value nests deeper than ${MAX_PATCH_DEPTH} levels, so PATCH cannot merge into it: SET the whole value instead`,
    );
    this.name = 'PatchTooDeepError';
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * HPKV's PATCH rules:
 * - no stored value: the patch is stored as is (PATCH creates);
 * - stored and new are both JSON objects: deep merge (RFC 7396);
 * - either is not valid JSON: the new string is appended to the old one;
 * - both JSON but not both objects: the new value replaces the old.
 * @throws PatchTooDeepError when a merge would recurse past `MAX_PATCH_DEPTH` (the merge and
 * `JSON.stringify` are recursive: ~5,000 levels overflow the stack).
 */
export function patchValue(stored: string | undefined, patch: string): string {
  if (stored === undefined) return patch;
  const before = parseJson(stored);
  const change = parseJson(patch);
  if (!before.ok || !change.ok) return stored + patch;
  if (isPlainObject(before.value) && isPlainObject(change.value)) {
    if (nestsDeeperThan(patch, MAX_PATCH_DEPTH)) throw new PatchTooDeepError('value');
    if (nestsDeeperThan(stored, MAX_PATCH_DEPTH)) throw new PatchTooDeepError('stored value');
    return JSON.stringify(mergeJson(before.value, change.value));
  }
  return patch;
}
