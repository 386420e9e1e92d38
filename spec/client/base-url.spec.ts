import { HPKVClientFactory, HPKVError, WebsocketTokenManager } from '../../lib/client';
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
    ['  HTTPS://API-eu-1.hpkv.io  ', 'wss://api-eu-1.hpkv.io/ws?apiKey=k'],
    ['localhost:3000', 'wss://localhost:3000/ws?apiKey=k'],
    ['http://127.0.0.1:3000/prefix/ws', 'ws://127.0.0.1:3000/prefix/ws?apiKey=k'],
    ['https://h/#fragment', 'wss://h/ws?apiKey=k'],
  ])('%s → %s', (base, expected) => {
    expect(webSocketUrl(base, { apiKey: 'k' })).toBe(expected);
  });

  it('URL-encodes the credential', () => {
    expect(webSocketUrl('http://h', { token: 'a+b/c=&d' })).toBe('ws://h/ws?token=a%2Bb%2Fc%3D%26d');
    expect(webSocketUrl('http://h', { apiKey: 'k y' })).toBe('ws://h/ws?apiKey=k%20y');
  });

  it.each([
    ['ftp://x', "Invalid base URL 'ftp://x': the scheme must be http, https, ws or wss, not 'ftp'"],
    ['file:///etc/hosts', "Invalid base URL 'file:///etc/hosts': the scheme must be http, https, ws or wss, not 'file'"],
    ['http://[', "Invalid base URL 'http://[': it cannot be parsed as a URL (expected e.g. 'https://api-eu-1.hpkv.io')"],
    ['', `Invalid base URL "": expected a URL such as 'https://api-eu-1.hpkv.io'`],
    [undefined, "Invalid base URL undefined: expected a URL such as 'https://api-eu-1.hpkv.io'"],
  ])('refuses %p at construction, for every class that takes a base URL', (base, message) => {
    const make = [
      () => HPKVClientFactory.createApiClient('k', base as string),
      () => HPKVClientFactory.createSubscriptionClient(() => 't', base as string),
      () => new WebsocketTokenManager('k', base as string),
    ];
    for (const construct of make) {
      let error: unknown;
      try {
        construct();
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(HPKVError);
      expect(error).toMatchObject({ code: 400, message });
    }
  });
});
