import { PatchTooDeepError, patchValue } from '../../lib/server/patch-value';

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

describe('patchValue nesting limit', () => {
  const nested = (depth: number): string => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

  it('merges objects nested up to MAX_PATCH_DEPTH', () => {
    expect(patchValue('{"b":1}', nested(128))).toBe(`{"b":1,${nested(128).slice(1)}`);
  });

  it('refuses a patch nested deeper, saying why and what to do instead', () => {
    expect(() => patchValue('{"b":1}', nested(5000))).toThrow(PatchTooDeepError);
    expect(() => patchValue('{"b":1}', nested(129))).toThrow(
      'value nests deeper than 128 levels: PATCH merges JSON up to 128 levels deep, use SET to store it whole',
    );
  });

  it('refuses to merge into a stored value nested deeper', () => {
    expect(() => patchValue(nested(5000), '{"b":1}')).toThrow(/the stored value nests deeper than 128 levels/);
  });

  it('still replaces or appends deep values without merging them', () => {
    const deepArray = '['.repeat(5000) + ']'.repeat(5000);
    expect(patchValue('{"b":1}', deepArray)).toBe(deepArray);
    expect(patchValue(deepArray, '{"b":1}')).toBe('{"b":1}');
  });
});
