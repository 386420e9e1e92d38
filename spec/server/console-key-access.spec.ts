import { consoleKeyVerdict, isLoopbackAddress, type ConsoleKeyRequest } from '../../lib/server/console-key-access';

const fromThisMachine: ConsoleKeyRequest = { bindHost: '127.0.0.1', remoteAddress: '127.0.0.1', host: '127.0.0.1:3000', origin: undefined, fetchSite: 'same-origin' };

describe('isLoopbackAddress', () => {
  it.each(['127.0.0.1', '127.1.2.3', '::1', '[::1]', '::ffff:127.0.0.1'])('%s is loopback', (address) => {
    expect(isLoopbackAddress(address)).toBe(true);
  });
  it.each(['0.0.0.0', '::', '10.0.0.5', '192.168.1.2', '::ffff:10.0.0.1', '128.0.0.1', '1270.0.0.1', '', undefined])('%s is not', (address) => {
    expect(isLoopbackAddress(address)).toBe(false);
  });
});

describe('consoleKeyVerdict', () => {
  it.each([
    ['a same-origin fetch', {}],
    ['a navigation-less fetch without Sec-Fetch-Site (older browsers, curl)', { fetchSite: undefined }],
    ['localhost', { bindHost: 'localhost', host: 'localhost:3000' }],
    ['IPv6 loopback', { bindHost: '::1', remoteAddress: '::1', host: '[::1]:3000' }],
    ['an Origin header of the page itself', { origin: 'http://127.0.0.1:3000' }],
  ])('hands out the key to %s on a loopback server', (_, change) => {
    expect(consoleKeyVerdict({ ...fromThisMachine, ...change })).toEqual({ ok: true });
  });

  it.each([
    ['a server listening on every interface', { bindHost: '0.0.0.0' }, 'listens on 0.0.0.0'],
    ['a server listening on a LAN address', { bindHost: '192.168.1.2' }, 'listens on 192.168.1.2'],
    ['a request from another machine', { remoteAddress: '10.0.0.7' }, 'does not come from this machine'],
    ['a page loaded under another name (DNS rebinding)', { host: 'evil.example:3000' }, 'not a loopback name'],
    ['a request without Host', { host: undefined }, 'not a loopback name'],
    ['a cross-origin fetch', { origin: 'http://evil.example' }, 'cross-origin request from http://evil.example'],
    ['another port of this machine', { origin: 'http://127.0.0.1:8080' }, 'cross-origin'],
    ['a cross-site request', { fetchSite: 'cross-site' }, 'cross-site request'],
    ['a same-site request', { fetchSite: 'same-site' }, 'same-site request'],
  ])('refuses %s, saying why', (_, change, reason) => {
    const verdict = consoleKeyVerdict({ ...fromThisMachine, ...change });
    expect(verdict).toEqual({ ok: false, reason: expect.stringContaining(reason) });
    expect(verdict).toEqual({ ok: false, reason: expect.stringContaining('enter the API key') });
  });
});
