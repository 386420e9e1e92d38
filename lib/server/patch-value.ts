import { isPlainObject, mergeJson } from './json-merge-patch';

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
 */
export function patchValue(stored: string | undefined, patch: string): string {
  if (stored === undefined) return patch;
  const before = parseJson(stored);
  const change = parseJson(patch);
  if (!before.ok || !change.ok) return stored + patch;
  if (isPlainObject(before.value) && isPlainObject(change.value)) {
    return JSON.stringify(mergeJson(before.value, change.value));
  }
  return patch;
}
