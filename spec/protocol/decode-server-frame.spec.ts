import { decodeServerFrame } from '../../lib/protocol/decode-server-frame';

describe('decodeServerFrame', () => {
  it('sorts a reply and keeps its body', () => {
    const frame = decodeServerFrame('{"code":200,"key":"k","value":"v","messageId":4}');
    expect(frame).toEqual({ kind: 'reply', messageId: 4, code: 200, body: { code: 200, key: 'k', value: 'v', messageId: 4 } });
  });

  it('sorts an error reply without messageId', () => {
    expect(decodeServerFrame('{"code":400,"error":"bad"}')).toMatchObject({ kind: 'reply', messageId: undefined, code: 400 });
  });

  it('sorts a valid notification, value null included', () => {
    const text = '{"type":"notification","key":"k","value":null,"timestamp":1}';
    expect(decodeServerFrame(text)).toEqual({
      kind: 'notification',
      notification: { type: 'notification', key: 'k', value: null, timestamp: 1 },
    });
  });

  it('flags a malformed notification', () => {
    const frame = decodeServerFrame('{"type":"notification","key":3,"value":"v","timestamp":1}');
    expect(frame).toEqual({ kind: 'invalid', messageId: undefined, reason: 'malformed notification: key: expected string' });
  });

  it('flags frames that are not JSON objects or have no code', () => {
    expect(decodeServerFrame('garbage')).toMatchObject({ kind: 'invalid', reason: 'frame is not valid JSON' });
    expect(decodeServerFrame('{"messageId":3,"code":20')).toMatchObject({ kind: 'invalid', messageId: 3 });
    expect(decodeServerFrame('[1]')).toMatchObject({ kind: 'invalid', reason: 'frame is not a JSON object' });
    expect(decodeServerFrame('{"messageId":2}')).toMatchObject({ kind: 'invalid', messageId: 2 });
  });
});
