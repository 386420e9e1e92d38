import { encodeRequest } from '../../lib/protocol/encode-request';
import { decodeRequest } from '../../lib/protocol/decode-request';
import { HPKVOperation } from '../../lib/protocol/operation';

describe('encodeRequest', () => {
  it('omits undefined fields and round-trips through decodeRequest', () => {
    const frame = encodeRequest({ op: HPKVOperation.RANGE, key: 'a', endKey: 'z', limit: undefined, messageId: 3 });
    expect(frame).toBe('{"op":5,"key":"a","endKey":"z","messageId":3}');
    expect(decodeRequest(frame)).toEqual({
      ok: true,
      request: { op: HPKVOperation.RANGE, key: 'a', endKey: 'z', messageId: 3 },
    });
  });
});

describe('encodeRequest, every op', () => {
  it.each([
    [{ op: HPKVOperation.GET, key: 'k', messageId: 1 }, '{"op":1,"key":"k","messageId":1}'],
    [{ op: HPKVOperation.SET, key: 'k', value: 'say "hi"\n', messageId: 2 }, '{"op":2,"key":"k","value":"say \\"hi\\"\\n","messageId":2}'],
    [{ op: HPKVOperation.PATCH, key: 'é😀', value: '{"a":1}' }, '{"op":3,"key":"é😀","value":"{\\"a\\":1}"}'],
    [{ op: HPKVOperation.DELETE, key: 'k', value: 'ignored', messageId: 4 }, '{"op":4,"key":"k","messageId":4}'],
    [{ op: HPKVOperation.RANGE, key: 'a', endKey: 'b', limit: 10, messageId: 5 }, '{"op":5,"key":"a","endKey":"b","limit":10,"messageId":5}'],
    [{ op: HPKVOperation.ATOMIC, key: 'n', value: -3, messageId: 6 }, '{"op":6,"key":"n","value":-3,"messageId":6}'],
  ])('%j', (message, frame) => {
    expect(encodeRequest(message)).toBe(frame);
    expect(decodeRequest(frame).ok).toBe(true);
  });
});
