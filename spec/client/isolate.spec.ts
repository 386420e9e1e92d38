import { HPKVError, ListenerError } from '../../lib/client/errors';
import { isolate } from '../../lib/client/isolate';

describe('isolate', () => {
  it('calls user code with its argument and reports a throw as a ListenerError naming what threw', () => {
    const seen: number[] = [];
    const reported: ListenerError[] = [];
    isolate((n: number) => seen.push(n), 1, 'A callback', (error) => reported.push(error));
    const cause = new Error('boom');
    isolate(
      () => {
        throw cause;
      },
      2,
      "A 'connected' listener",
      (error) => reported.push(error),
    );
    expect(seen).toEqual([1]);
    expect(reported).toHaveLength(1);
    expect(reported[0]).toBeInstanceOf(ListenerError);
    expect(reported[0]).toBeInstanceOf(HPKVError);
    expect(reported[0]).toMatchObject({ name: 'ListenerError', source: "A 'connected' listener", message: "A 'connected' listener threw: boom", cause });
  });

  it('describes a thrown value that is not an Error', () => {
    const reported: ListenerError[] = [];
    isolate(
      () => {
        throw 'just a string';
      },
      undefined,
      'A subscribe() callback',
      (error) => reported.push(error),
    );
    expect(reported[0].message).toBe('A subscribe() callback threw: just a string');
  });
});
