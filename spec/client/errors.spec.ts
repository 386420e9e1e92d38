import { ConnectionError as OfficialConnectionError } from '@hpkv/websocket-client';
import { AuthenticationError, ConnectionError, HPKVError, ProtocolError, TimeoutError } from '../../lib/client/errors';

describe('errors', () => {
  it('makes AuthenticationError a ConnectionError, as code written for the official SDK catches a refused connection', () => {
    const error = new AuthenticationError('refused', 403);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toBeInstanceOf(HPKVError);
    expect(error).toMatchObject({ name: 'AuthenticationError', code: 403, outcomeUnknown: false, message: 'refused' });
    // The official SDK's own class cannot be ours; its name is what cross-package code compares.
    expect(new OfficialConnectionError('x').name).toBe(new ConnectionError('x').name);
  });

  it('lets TimeoutError say that a write may have been applied', () => {
    expect(new TimeoutError('late')).toMatchObject({ name: 'TimeoutError', outcomeUnknown: false });
    const cause = new Error('stalled');
    const error = new TimeoutError('late', { outcomeUnknown: true, cause });
    expect(error).toMatchObject({ outcomeUnknown: true, cause });
    expect(Object.keys(error)).not.toContain('cause');
  });

  it('keeps every class an HPKVError with its name', () => {
    for (const [error, name] of [
      [new ConnectionError('x'), 'ConnectionError'],
      [new TimeoutError('x'), 'TimeoutError'],
      [new ProtocolError('x', '{}'), 'ProtocolError'],
    ] as const) {
      expect(error).toBeInstanceOf(HPKVError);
      expect(error.name).toBe(name);
    }
  });
});
