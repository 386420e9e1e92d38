import { webSocketUrl } from '../../lib/client/base-url';

describe('webSocketUrl', () => {
  it.each([
    ['http://127.0.0.1:3000', 'ws://127.0.0.1:3000/ws?apiKey=k'],
    ['https://api-eu-1.hpkv.io', 'wss://api-eu-1.hpkv.io/ws?apiKey=k'],
    ['https://api-eu-1.hpkv.io/', 'wss://api-eu-1.hpkv.io/ws?apiKey=k'],
    ['wss://api-eu-1.hpkv.io/ws', 'wss://api-eu-1.hpkv.io/ws?apiKey=k'],
    ['ws://h/ws/', 'ws://h/ws?apiKey=k'],
    ['https://h/base?region=eu', 'wss://h/base/ws?region=eu&apiKey=k'],
    ['api-eu-1.hpkv.io', 'wss://api-eu-1.hpkv.io/ws?apiKey=k'],
  ])('%s → %s', (base, expected) => {
    expect(webSocketUrl(base, { apiKey: 'k' })).toBe(expected);
  });

  it('URL-encodes the credential', () => {
    expect(webSocketUrl('http://h', { token: 'a+b/c=&d' })).toBe('ws://h/ws?token=a%2Bb%2Fc%3D%26d');
    expect(webSocketUrl('http://h', { apiKey: 'k y' })).toBe('ws://h/ws?apiKey=k%20y');
  });
});
