/**
 * Orders two keys as their UTF-8 encodings compare byte by byte (what `Buffer.compare` gives,
 * and what HPKV's RANGE uses), without encoding them.
 *
 * UTF-8 byte order is code point order. JS `<` compares UTF-16 code units, which agrees with it
 * except that surrogates (U+D800–DFFF, i.e. code points ≥ U+10000) sort below U+E000–FFFF.
 * Remapping the two blocks at the first differing unit fixes that.
 */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  const shorter = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < shorter; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointWeight(x) - codePointWeight(y);
  }
  return a.length - b.length;
}

function codePointWeight(unit: number): number {
  if (unit < 0xd800) return unit;
  // Surrogates stand for code points above the whole BMP: move them to the top.
  if (unit <= 0xdfff) return unit + 0x2000;
  return unit - 0x800;
}
