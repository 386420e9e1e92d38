import { utf8ByteLength } from '../../lib/protocol/utf8';

describe('utf8ByteLength', () => {
  it.each(['', 'abc', 'é', '中文', '😀', 'a😀b€', '\ud800', 'x\udc00y', '\ud83d'])(
    'counts %j as Buffer.byteLength does',
    (text) => {
      expect(utf8ByteLength(text)).toBe(Buffer.byteLength(text, 'utf8'));
    },
  );
});
