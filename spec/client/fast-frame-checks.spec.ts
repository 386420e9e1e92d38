import { HPKVOperation } from '../../lib/protocol';
import { isNotification, looksValid } from '../../lib/client/fast-frame-checks';
import { validateReply } from '../../lib/protocol/validate-reply';

describe('fast frame checks', () => {
  it.each([
    [HPKVOperation.GET, { code: 200, key: 'k', value: 'v' }, true],
    [HPKVOperation.GET, { code: 200, key: 'k', value: 3 }, true],
    [HPKVOperation.GET, { code: 200, key: 'k' }, false],
    [HPKVOperation.SET, { code: 200, success: true }, true],
    [HPKVOperation.DELETE, { code: 200 }, false],
    [HPKVOperation.RANGE, { code: 200, records: [{ key: 'a', value: 'b' }], count: 1, truncated: false }, true],
    [HPKVOperation.RANGE, { code: 200, records: [{ key: 1, value: 'b' }], count: 1, truncated: false }, false],
    [HPKVOperation.RANGE, { code: 200, records: [], count: 0 }, false],
    [HPKVOperation.ATOMIC, { code: 200, success: true, newValue: 4 }, true],
    [HPKVOperation.ATOMIC, { code: 200, success: true, newValue: '4' }, false],
  ])('op %i %j → %s, never accepting what the zod schema refuses', (op, body, expected) => {
    expect(looksValid(op, body)).toBe(expected);
    if (expected) expect(validateReply(op, body)).toBeUndefined();
  });

  it('recognises well-formed notifications only', () => {
    expect(isNotification({ type: 'notification', key: 'k', value: null, timestamp: 1 })).toBe(true);
    expect(isNotification({ type: 'notification', key: 'k', value: {}, timestamp: 1 })).toBe(false);
    expect(isNotification({ type: 'notification', key: 'k', value: 'v' })).toBe(false);
  });
});
