import { extractMessageId } from '../../lib/protocol/message-id';

describe('extractMessageId', () => {
  it('reads messageId from broken JSON', () => {
    expect(extractMessageId('{"op":1,"key":"a","messageId":42')).toBe(42);
    expect(extractMessageId('{"messageId" : 7, "op":')).toBe(7);
  });

  it('finds messageId at the end of a huge frame', () => {
    const frame = `{"op":2,"key":"k","value":"${'x'.repeat(200_000)}","messageId":9}`;
    expect(extractMessageId(frame)).toBe(9);
  });

  it('returns undefined when there is none', () => {
    expect(extractMessageId('not json')).toBeUndefined();
    expect(extractMessageId('{"messageId":"5"}')).toBeUndefined();
  });
});
