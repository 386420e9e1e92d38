import { KeyPager } from '../../lib/console/key-pager';

describe('KeyPager', () => {
  it('pages forward from the last key shown and back along the pages visited', () => {
    const pager = new KeyPager('item:', 2);
    expect([pager.start, pager.pageNumber]).toEqual(['item:', 1]);
    pager.forward('item:02');
    expect([pager.start, pager.pageNumber]).toEqual(['item:02\u0000', 2]);
    pager.forward('item:04');
    expect(pager.start).toBe('item:04\u0000');
    expect(pager.back()).toBe(true);
    expect(pager.start).toBe('item:02\u0000');
    expect(pager.back()).toBe(true);
    expect(pager.back()).toBe(false);
    expect([pager.start, pager.pageNumber]).toEqual(['item:', 1]);
  });

  it('bounds a page by its last key, or by the end of the prefix on the last page', () => {
    const pager = new KeyPager('item:', 2);
    expect(pager.bounds('item:02', true)).toEqual({ start: 'item:', end: 'item:02' });
    expect(pager.bounds('item:02', false)).toEqual({ start: 'item:', end: pager.range.end });
    expect(pager.bounds(undefined, false)).toEqual({ start: 'item:', end: pager.range.end });
  });
});
