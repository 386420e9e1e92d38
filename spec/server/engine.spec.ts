import { compileSubscriptionPatterns } from '../../lib/protocol';
import { Engine } from '../../lib/server/engine';
import { type Session } from '../../lib/server/session';

function session(patterns?: string[]): Session & { frames: unknown[] } {
  const frames: unknown[] = [];
  return { frames, subscriptions: patterns && compileSubscriptionPatterns(patterns), send: (frame) => frames.push(JSON.parse(frame)) };
}

describe('Engine (no transport)', () => {
  it('replies first, then notifies the matching subscribers, with one timestamp', () => {
    const engine = new Engine({ now: () => 42 });
    const writer = session(['a*']);
    const other = session(['b']);
    engine.attach(writer);
    engine.attach(other);
    engine.handleFrame('{"op":2,"key":"a1","value":"v","messageId":1}', writer);
    expect(writer.frames).toEqual([
      { code: 200, success: true, message: 'Record inserted/updated successfully', messageId: 1 },
      { type: 'notification', key: 'a1', value: 'v', timestamp: 42 },
    ]);
    expect(other.frames).toEqual([]);
  });

  it('stops notifying a detached session and ignores sessions without subscriptions', () => {
    const engine = new Engine();
    const watcher = session(['*']);
    const plain = session();
    engine.attach(watcher);
    engine.attach(plain);
    engine.detach(watcher);
    engine.handleFrame('{"op":2,"key":"k","value":"v","messageId":1}', plain);
    expect(watcher.frames).toEqual([]);
    expect(plain.frames).toHaveLength(1);
  });

  it('reports every successful write to change listeners, until they unsubscribe', () => {
    const engine = new Engine();
    const changes: unknown[] = [];
    const stop = engine.onChange((change) => changes.push(change));
    engine.execute({ op: 4, key: 'missing' }, {});
    const [, change] = engine.execute({ op: 6, key: 'n', value: 2 }, {});
    engine.publish(change!);
    stop();
    engine.publish({ key: 'x', value: null });
    expect(changes).toEqual([{ key: 'n', value: '2' }]);
  });

  it('answers 500 when something unexpected throws, and keeps serving', () => {
    const engine = new Engine();
    jest.spyOn(engine.store, 'get').mockImplementationOnce(() => {
      throw new Error('disk on fire');
    });
    expect(engine.execute({ op: 1, key: 'k' }, {})).toEqual([{ code: 500, error: 'Internal server error', key: 'k' }, undefined]);
    expect(engine.execute({ op: 1, key: 'k' }, {})[0]).toMatchObject({ code: 404 });
  });

  it('refuses a PATCH whose merged value would exceed the value limit', () => {
    const engine = new Engine();
    engine.store.set('big', 'x'.repeat(102_000));
    expect(engine.execute({ op: 3, key: 'big', value: 'y'.repeat(1_000) }, {})[0]).toEqual({
      code: 400,
      error: 'patched value would exceed 102400 bytes',
      key: 'big',
    });
  });

  it('answers 429 before anything else once the session is over its rate', () => {
    const engine = new Engine();
    const limited = { ...session(), rateLimiter: { tryTake: () => false } } as unknown as Session & { frames: unknown[] };
    engine.handleFrame('not json', limited);
    expect(limited.frames).toEqual([{ code: 429, error: 'Rate limit exceeded' }]);
  });

  it('answers a PATCH nested too deep with 400 and a reason, not 500', () => {
    const engine = new Engine();
    engine.store.set('doc', '{"a":1}');
    const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    expect(engine.execute({ op: 3, key: 'doc', value: deep }, {})[0]).toMatchObject({ code: 400, error: expect.stringMatching(/^value nests deeper than 128 levels/) });
    expect(engine.store.get('doc')).toBe('{"a":1}');
  });

  it('answers a frame with a messageId JSON cannot echo (1e999) without one', () => {
    const engine = new Engine();
    const plain = session();
    engine.handleFrame('{"op":1,"key":"k","messageId":1e999}', plain);
    expect(plain.frames).toEqual([{ code: 400, error: 'messageId must be a number' }]);
  });

  it('answers 500 with the messageId when something unexpected throws outside execute', () => {
    const engine = new Engine();
    const failing = { ...session(), access: () => { throw new Error('matcher broke'); } } as Session & { frames: unknown[] };
    engine.handleFrame('{"op":1,"key":"k","messageId":3}', failing);
    expect(failing.frames).toEqual([{ code: 500, error: 'Internal server error', messageId: 3 }]);
  });
});
