import { HPKVOperation } from '../../lib/protocol/operation';
import { validateReply } from '../../lib/protocol/validate-reply';

describe('validateReply', () => {
  it('accepts each op’s success body', () => {
    expect(validateReply(HPKVOperation.GET, { code: 200, key: 'k', value: 'v', messageId: 1 })).toBeUndefined();
    expect(validateReply(HPKVOperation.GET, { code: 200, key: 'k', value: 7 })).toBeUndefined();
    expect(validateReply(HPKVOperation.SET, { code: 200, success: true, message: 'ok' })).toBeUndefined();
    expect(validateReply(HPKVOperation.DELETE, { code: 200, success: true })).toBeUndefined();
    expect(
      validateReply(HPKVOperation.RANGE, { code: 200, records: [{ key: 'a', value: '1' }], count: 1, truncated: false }),
    ).toBeUndefined();
    expect(validateReply(HPKVOperation.ATOMIC, { code: 200, success: true, key: 'n', newValue: 3 })).toBeUndefined();
  });

  it('explains what is wrong with a malformed success body', () => {
    expect(validateReply(HPKVOperation.GET, { code: 200, key: 'k' })).toBe('malformed GET reply: value: has the wrong type');
    expect(validateReply(HPKVOperation.ATOMIC, { code: 200, success: true, newValue: '3' })).toBe(
      'malformed ATOMIC reply: newValue: expected number',
    );
    expect(validateReply(HPKVOperation.RANGE, { code: 200, records: [{ key: 1 }], count: 1, truncated: false })).toMatch(
      /^malformed RANGE reply: records\.0\.key/,
    );
  });

  it('checks error replies against the error schema', () => {
    expect(validateReply(HPKVOperation.GET, { code: 404, error: 'Record not found' })).toBeUndefined();
    expect(validateReply(HPKVOperation.GET, { code: 404, error: 5 })).toBe('malformed GET reply: error: expected string');
  });
});
