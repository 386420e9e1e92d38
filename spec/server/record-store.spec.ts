import { RecordStore } from '../../lib/server/record-store';

describe('RecordStore', () => {
  let store: RecordStore;
  beforeEach(() => {
    store = new RecordStore();
  });

  it('gets, overwrites and deletes records', () => {
    store.set('a', '1');
    store.set('a', '2');
    expect(store.get('a')).toBe('2');
    expect(store.size).toBe(1);
    expect(store.delete('a')).toBe(true);
    expect(store.delete('a')).toBe(false);
    expect(store.get('a')).toBeUndefined();
  });

  it('ranges inclusively at both ends, in order', () => {
    for (const key of ['d', 'a', 'c', 'b', 'e']) store.set(key, key.toUpperCase());
    expect(store.range('b', 'd', 100)).toEqual({
      records: [
        { key: 'b', value: 'B' },
        { key: 'c', value: 'C' },
        { key: 'd', value: 'D' },
      ],
      truncated: false,
    });
  });

  it('orders keys by UTF-8 bytes, not UTF-16 code units', () => {
    // '\uffff' (EF BF BF) sorts before '😀' (F0 9F 98 80) in UTF-8, after it in UTF-16.
    for (const key of ['k😀', 'k\uffff', 'kz', 'ké', 'kZ']) store.set(key, '1');
    expect(store.range('k', 'k\u{10ffff}', 100).records.map((record) => record.key)).toEqual(['kZ', 'kz', 'ké', 'k\uffff', 'k😀']);
  });

  it('is truncated only when more keys exist past the last one returned', () => {
    for (const key of ['a', 'b', 'c']) store.set(key, '1');
    expect(store.range('a', 'c', 2)).toMatchObject({ truncated: true, records: [{ key: 'a' }, { key: 'b' }] });
    expect(store.range('a', 'c', 3).truncated).toBe(false);
    expect(store.range('a', 'b', 2).truncated).toBe(false);
  });

  it('returns nothing when start is after end, or the range is empty', () => {
    store.set('m', '1');
    expect(store.range('z', 'a', 10)).toEqual({ records: [], truncated: false });
    expect(store.range('n', 'y', 10)).toEqual({ records: [], truncated: false });
  });

  it('lists entries in key order and clears', () => {
    store.set('b', '2');
    store.set('a', '1');
    expect([...store.entries()]).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
    store.clear();
    expect(store.size).toBe(0);
  });
});
