import { decodeRequest } from '../../lib/protocol/decode-request';
import { MAX_KEY_BYTES, MAX_VALUE_BYTES } from '../../lib/protocol/limits';

const rejects = (frame: unknown) => {
  const decoded = decodeRequest(typeof frame === 'string' ? frame : JSON.stringify(frame));
  if (decoded.ok) throw new Error(`expected ${JSON.stringify(frame)} to be rejected`);
  return decoded;
};

describe('decodeRequest', () => {
  it('accepts each op in its documented shape', () => {
    const frames = [
      { op: 1, key: 'k', messageId: 1 },
      { op: 2, key: 'k', value: 'v', messageId: 2 },
      { op: 3, key: 'k', value: '{"a":1}', messageId: 3 },
      { op: 4, key: 'k', messageId: 4 },
      { op: 5, key: 'a', endKey: 'z', limit: 10, messageId: 5 },
      { op: 6, key: 'n', value: -3, messageId: 6 },
    ];
    for (const frame of frames) expect(decodeRequest(JSON.stringify(frame))).toEqual({ ok: true, request: frame });
  });

  it('accepts a request without messageId, and ignores extra fields', () => {
    expect(decodeRequest('{"op":1,"key":"k","extra":true}')).toMatchObject({ ok: true, request: { op: 1, key: 'k' } });
  });

  it('rejects a frame that is not JSON, keeping a readable messageId', () => {
    expect(rejects('{"op":1,"key":"k","messageId":12')).toEqual({
      ok: false,
      messageId: 12,
      error: 'frame is not valid JSON',
    });
  });

  it.each([[[1, 2]], ['"text"'], [null], [5]])('rejects %j: not an object', (frame) => {
    expect(rejects(typeof frame === 'string' ? frame : JSON.stringify(frame)).error).toBe('frame must be a JSON object');
  });

  it('rejects a missing or unknown op, echoing messageId', () => {
    expect(rejects({ key: 'k', messageId: 1 })).toEqual({ ok: false, messageId: 1, error: 'op is required' });
    expect(rejects({ op: 9, key: 'k', messageId: 2 })).toMatchObject({ messageId: 2, error: expect.stringMatching(/unknown op 9/) });
    expect(rejects({ op: '1', key: 'k' }).error).toMatch(/unknown op "1"/);
  });

  it('rejects bad keys with a reason', () => {
    expect(rejects({ op: 1, messageId: 1 }).error).toBe('key is required');
    expect(rejects({ op: 1, key: 5 }).error).toBe('key must be a string');
    expect(rejects({ op: 1, key: '' }).error).toBe('key must not be empty');
    expect(rejects({ op: 1, key: 'é'.repeat(MAX_KEY_BYTES / 2 + 1) }).error).toBe(`key must be at most ${MAX_KEY_BYTES} bytes`);
    expect(decodeRequest(JSON.stringify({ op: 1, key: 'é'.repeat(MAX_KEY_BYTES / 2) })).ok).toBe(true);
  });

  it('rejects bad values for SET and PATCH', () => {
    expect(rejects({ op: 2, key: 'k' }).error).toBe('value is required');
    expect(rejects({ op: 2, key: 'k', value: 5 }).error).toBe('value must be a string');
    expect(rejects({ op: 3, key: 'k', value: '' }).error).toBe('value must not be empty');
    expect(rejects({ op: 2, key: 'k', value: 'x'.repeat(MAX_VALUE_BYTES + 1) }).error).toBe(
      `value must be at most ${MAX_VALUE_BYTES} bytes`,
    );
  });

  it('rejects a non-integer ATOMIC increment', () => {
    expect(rejects({ op: 6, key: 'n', value: 1.5 }).error).toBe('value must be an integer increment');
    expect(rejects({ op: 6, key: 'n', value: '1' }).error).toBe('value must be an integer increment');
    expect(rejects({ op: 6, key: 'n' }).error).toBe('value is required');
  });

  it('rejects a RANGE without endKey or with a bad limit', () => {
    expect(rejects({ op: 5, key: 'a' }).error).toBe('endKey is required');
    expect(rejects({ op: 5, key: 'a', endKey: 'z', limit: 0 }).error).toBe('limit must be a positive integer');
    expect(rejects({ op: 5, key: 'a', endKey: 'z', limit: 2.5 }).error).toBe('limit must be a positive integer');
    expect(rejects({ op: 5, key: 'a', endKey: 'z', limit: '5' }).error).toBe('limit must be a positive integer');
  });

  it('does not echo a messageId that is not a number', () => {
    expect(rejects({ op: 1, key: '', messageId: 'x' }).messageId).toBeUndefined();
  });
});
