import { compareKeys } from '../../lib/protocol/key-order';

const byBuffer = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

describe('compareKeys', () => {
  it('orders ASCII keys as byte strings', () => {
    expect(['b', 'a', 'ab', 'A', ''].sort(compareKeys)).toEqual(['', 'A', 'a', 'ab', 'b']);
  });

  it('puts a key before every longer key it prefixes', () => {
    expect(compareKeys('user', 'user:1')).toBeLessThan(0);
    expect(compareKeys('user:1', 'user')).toBeGreaterThan(0);
    expect(compareKeys('same', 'same')).toBe(0);
  });

  it('sorts astral characters above U+E000–FFFF, as UTF-8 does and JS strings do not', () => {
    const emoji = 'k😀'; // U+1F600, a surrogate pair in UTF-16
    const privateUse = 'k\uffee'; // U+FFEE
    expect(emoji < privateUse).toBe(true); // JS order: wrong for UTF-8
    expect(compareKeys(emoji, privateUse)).toBeGreaterThan(0);
    expect(Math.sign(compareKeys(emoji, privateUse))).toBe(Math.sign(byBuffer(emoji, privateUse)));
  });

  it('agrees with Buffer.compare on a mixed corpus of non-ASCII keys', () => {
    const keys = ['é', 'e', 'z', 'ß', '中', '中文', '😀', '😁', '\uffff', '\ue000', 'a\u0000', 'a', 'Ω', '~', 'ｱ'];
    const ours = [...keys].sort(compareKeys);
    const bytes = [...keys].sort(byBuffer);
    expect(ours).toEqual(bytes);
  });
});
