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
