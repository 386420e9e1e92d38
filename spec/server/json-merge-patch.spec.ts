import { mergeJson } from '../../lib/server/json-merge-patch';

describe('mergeJson (RFC 7396)', () => {
  it('merges objects recursively', () => {
    expect(mergeJson({ a: { b: 1, c: 2 }, d: 1 }, { a: { c: 3, e: 4 } })).toEqual({ a: { b: 1, c: 3, e: 4 }, d: 1 });
  });

  it('deletes fields patched with null, at any depth', () => {
    expect(mergeJson({ a: 1, b: { c: 1, d: 2 } }, { a: null, b: { d: null } })).toEqual({ b: { c: 1 } });
  });

  it('replaces arrays and scalars instead of merging them', () => {
    expect(mergeJson({ list: [1, 2], n: 1 }, { list: [3], n: 'x' })).toEqual({ list: [3], n: 'x' });
  });

  it('applies an object patch to a non-object field as to {}, dropping nested nulls', () => {
    expect(mergeJson({ a: 5 }, { a: { b: 1, c: null } })).toEqual({ a: { b: 1 } });
  });

  it('does not modify its arguments', () => {
    const target = { a: { b: 1 } };
    const patch = { a: { c: 2 } };
    mergeJson(target, patch);
    expect(target).toEqual({ a: { b: 1 } });
    expect(patch).toEqual({ a: { c: 2 } });
  });

  it('treats a "__proto__" field as data, never as a prototype', () => {
    const merged = mergeJson(JSON.parse('{"a":1}') as Record<string, unknown>, JSON.parse('{"__proto__":{"polluted":true}}') as Record<string, unknown>);
    expect(JSON.stringify(merged)).toBe('{"a":1,"__proto__":{"polluted":true}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
  });
});
