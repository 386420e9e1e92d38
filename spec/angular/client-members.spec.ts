import { HPKVClientFactory } from '../../lib/client';
import { CLIENT_MEMBERS } from '../../lib/angular/client-members';

// The type check (`satisfies Record<keyof HPKVSubscriptionClient, MemberKind>`) is what fails when
// the client gains or loses a public member; these check the list against what runs.
describe('CLIENT_MEMBERS', () => {
  const NOTIFICATIONS_ONLY = ['watch$', 'live$', 'liveRange$', 'liveState$', 'liveRangeState$', 'synced$', 'subscribe', 'unsubscribe'];

  it('names members the subscription client has, each with its shape', () => {
    const client = HPKVClientFactory.createSubscriptionClient('token', 'http://127.0.0.1:1');
    const shapes = Object.fromEntries(Object.keys(CLIENT_MEMBERS).map((name) => [name, typeof (client as unknown as Record<string, unknown>)[name]]));
    const expected = Object.fromEntries(Object.entries(CLIENT_MEMBERS).map(([name, kind]) => [name, kind === 'feed$' ? 'object' : 'function']));
    expect(shapes).toEqual(expected);
    client.destroy();
  });

  it('names what the API client has, less the notification members', () => {
    const client = HPKVClientFactory.createApiClient('key', 'http://127.0.0.1:1');
    const missing = Object.keys(CLIENT_MEMBERS).filter((name) => !(name in client));
    expect(missing.sort()).toEqual([...NOTIFICATIONS_ONLY].sort());
    client.destroy();
  });

  it('leaves only destroy() to the injector', () => {
    expect(Object.entries(CLIENT_MEMBERS).filter(([, kind]) => kind === 'owned')).toEqual([['destroy', 'owned']]);
  });
});
