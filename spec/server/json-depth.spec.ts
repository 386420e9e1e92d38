import { nestsDeeperThan } from '../../lib/server/json-depth';

describe('nestsDeeperThan', () => {
  it('counts objects and arrays alike', () => {
    expect(nestsDeeperThan('{"a":[{"b":[]}]}', 4)).toBe(false);
    expect(nestsDeeperThan('{"a":[{"b":[]}]}', 3)).toBe(true);
  });

  it('is not fooled by brackets or escaped quotes inside strings', () => {
    expect(nestsDeeperThan('{"a":"[[[{{{\\"[[["}', 1)).toBe(false);
    expect(nestsDeeperThan('["\\\\",[]]', 1)).toBe(true);
  });

  it('treats scalars as depth 0', () => {
    expect(nestsDeeperThan('"x"', 0)).toBe(false);
    expect(nestsDeeperThan('12', 0)).toBe(false);
  });

  it('measures depth, not the number of siblings', () => {
    expect(nestsDeeperThan(`[${'[],'.repeat(10_000)}[]]`, 2)).toBe(false);
  });
});
