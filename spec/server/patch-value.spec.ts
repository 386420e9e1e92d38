import { patchValue } from '../../lib/server/patch-value';

describe('patchValue', () => {
  it('creates the value when nothing is stored', () => {
    expect(patchValue(undefined, '{"a":1}')).toBe('{"a":1}');
  });

  it('deep-merges two JSON objects', () => {
    expect(JSON.parse(patchValue('{"a":{"b":1},"c":2}', '{"a":{"d":3},"c":null}'))).toEqual({ a: { b: 1, d: 3 } });
  });

  it('appends when the stored value is not JSON', () => {
    expect(patchValue('hello', ' world')).toBe('hello world');
  });

  it('appends when the new value is not JSON', () => {
    expect(patchValue('{"a":1}', 'tail')).toBe('{"a":1}tail');
  });

  it('replaces when both are JSON but not both objects', () => {
    expect(patchValue('[1,2]', '{"a":1}')).toBe('{"a":1}');
    expect(patchValue('{"a":1}', '[3]')).toBe('[3]');
    expect(patchValue('5', '6')).toBe('6');
  });
});
