import { TestScheduler } from 'rxjs/testing';
import { type ConnectionConfig } from '../../../lib/client/config';
import { TimeoutError } from '../../../lib/client/errors';
import { RequestThrottle } from '../../../lib/client/requests/throttle';
import { HPKVOperation } from '../../../lib/protocol';
import { pipelineHarness } from '../../support/pipeline-harness';

const GET = { op: HPKVOperation.GET, key: 'k' };

// The throttle paces what goes on the wire: each spec records the moments frames reach the
// link. The link answers each frame in the same frame of virtual time (or as a spec says).
describe('RequestThrottle (pacing the wire)', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
  });

  /**
   * The pipeline with throttling on, on an open link that records when each frame left and
   * answers it (200, or what `answer` says for the nth frame).
   */
  function wire(throttling: ConnectionConfig['throttling'], answer: (index: number) => Record<string, unknown> = () => ({ code: 200, key: 'k', value: 'ok' })) {
    const harness = pipelineHarness(scheduler, { throttling: { enabled: true, ...throttling } });
    const releases: number[] = [];
    harness.open((frame) => {
      const index = releases.push(scheduler.now()) - 1;
      const { messageId } = JSON.parse(frame) as { messageId: number };
      const body = answer(index);
      if (body !== undefined) scheduler.schedule(() => harness.dispatch(JSON.stringify({ ...body, messageId })));
      return true;
    });
    const throttle = harness.pipeline.throttle;
    return { harness, throttle, releases, get: (timeoutMs?: number) => harness.request$(GET, timeoutMs) };
  }

  it('bypasses entirely when disabled: a burst leaves at once', () => {
    scheduler.run(({ flush }) => {
      const { get, releases } = wire({ enabled: false });
      for (let i = 0; i < 5; i++) get().subscribe();
      flush();
      expect(releases).toEqual([0, 0, 0, 0, 0]);
    });
  });

  it.each([
    [10, [0, 100, 200, 300, 400]],
    [100, [0, 10, 20, 30, 40]],
  ])('spaces a burst at %i/s, the first at once', (rateLimit, expected) => {
    scheduler.run(({ flush }) => {
      const { get, throttle, releases } = wire({ rateLimit });
      for (let i = 0; i < 5; i++) get().subscribe();
      expect(throttle.getMetrics()).toEqual({ currentRate: rateLimit, queueLength: 4 });
      flush();
      expect(releases).toEqual(expected);
      expect(throttle.getMetrics().queueLength).toBe(0);
    });
  });

  it('delivers the reply after its slot', () => {
    scheduler.run(({ expectObservable }) => {
      const { get } = wire({ rateLimit: 10 });
      get().subscribe();
      expectObservable(get()).toBe('100ms (a|)', { a: { code: 200, key: 'k', value: 'ok', messageId: 2 } });
    });
  });

  it('schedules nothing while idle: a request after a pause goes at once', () => {
    scheduler.run(({ flush }) => {
      const { get, releases } = wire({ rateLimit: 10 });
      get().subscribe();
      flush();
      expect(scheduler.actions ?? []).toEqual([]);
      scheduler.schedule(() => get().subscribe(), 1000);
      flush();
      expect(releases).toEqual([0, 1000]);
    });
  });

  it('leaves the queue on unsubscribe without using a slot, and keeps no timer once nothing waits', () => {
    scheduler.run(({ flush }) => {
      const { get, throttle, releases } = wire({ rateLimit: 10 });
      get().subscribe();
      const dropped = get().subscribe();
      get().subscribe();
      dropped.unsubscribe();
      expect(throttle.getMetrics().queueLength).toBe(1);
      flush();
      expect(releases).toEqual([0, 100]);
      const last = get().subscribe();
      last.unsubscribe();
      expect(scheduler.actions.filter((action) => !action.closed)).toEqual([]);
    });
  });

  it('fails a request whose deadline passes while queued, saying what it waited for', () => {
    scheduler.run(({ expectObservable }) => {
      const { get } = wire({ rateLimit: 1 });
      get().subscribe();
      expectObservable(get(300)).toBe('300ms #', undefined, new TimeoutError("GET 'k' got no reply within 300 ms (it was still waiting for a throttling slot)"));
    });
  });

  it('cuts the rate on a 429, holds everything for the backoff window, then recovers step by step', () => {
    scheduler.run(({ flush }) => {
      const { get, throttle, releases } = wire({ rateLimit: 10 }, (index) => (index === 0 ? { code: 429, error: 'Rate limit exceeded' } : { code: 200, key: 'k', value: 'ok' }));
      const rates: [number, number][] = [];
      throttle.metrics$.subscribe(({ currentRate }) => {
        if (rates.at(-1)?.[1] !== currentRate) rates.push([scheduler.now(), currentRate]);
      });
      let failure: unknown;
      get().subscribe({ error: (error: unknown) => (failure = error) });
      // Queued before the 429 arrives: it waits for the slot after the first (100 ms), then the window.
      get().subscribe();
      flush();
      expect(failure).toMatchObject({ code: 429, message: 'Rate limit exceeded' });
      // Rate halves to 5/s; nothing leaves before the 1 s window ends.
      expect(releases.slice(1)).toEqual([1000]);
      expect(rates).toEqual([
        [0, 10],
        [0, 5],
      ]);
      // One second after the window: +1/s per second (10% of the limit) until back at 10.
      for (const at of [2000, 3000, 6000, 7000]) scheduler.schedule(() => rates.push([at, throttle.getMetrics().currentRate]), at - scheduler.now());
      flush();
      expect(rates.slice(2)).toEqual([
        [2000, 6],
        [3000, 7],
        [6000, 10],
        [7000, 10],
      ]);
    });
  });

  it('grows the backoff window 1 s, 2 s, 4 s on consecutive 429s, never below 10% of the limit', () => {
    scheduler.run(({ flush }) => {
      const { get, throttle, releases } = wire({ rateLimit: 10 });
      // Each 429 arrives just as the previous window closes: windows of 1 s, 2 s, then 4 s.
      for (const at of [0, 1000, 3000]) scheduler.schedule(() => throttle.report429(), at);
      scheduler.schedule(() => get().subscribe(), 3000);
      flush();
      expect(releases).toEqual([7000]);
      expect(throttle.getMetrics().currentRate).toBe(1.25); // 10 → 5 → 2.5 → 1.25
      throttle.report429();
      expect(throttle.getMetrics().currentRate).toBe(1); // not 0.625: never below 10% of the limit
    });
  });

  it('re-queues a 429 instead of failing it with retryOn429', () => {
    scheduler.run(({ expectObservable }) => {
      const { get } = wire({ rateLimit: 10, retryOn429: true }, (index) => (index === 0 ? { code: 429, error: 'Rate limit exceeded' } : { code: 200, key: 'k', value: 'ok' }));
      expectObservable(get()).toBe('1000ms (a|)', { a: { code: 200, key: 'k', value: 'ok', messageId: 1 } });
    });
  });

  it('applies a new limit to what is queued at once (the waiting head included), and releases everything at once when disabled', () => {
    scheduler.run(({ flush }) => {
      const { get, throttle, releases } = wire({ rateLimit: 10 });
      for (let i = 0; i < 6; i++) get().subscribe();
      scheduler.schedule(() => throttle.updateConfig({ rateLimit: 20 }), 150);
      scheduler.schedule(() => throttle.updateConfig({ enabled: false }), 260);
      flush();
      expect(releases).toEqual([0, 100, 150, 200, 250, 260]);
      expect(throttle.config).toEqual({ enabled: false, rateLimit: 20, retryOn429: false });
    });
  });

  it('passes requests on whatever they get: an error reply, or none at all, never blocks the queue', () => {
    scheduler.run(({ expectObservable }) => {
      const { get } = wire({ rateLimit: 1000 }, (index) => [{ code: 404, error: 'Record not found' }, undefined, { code: 200, key: 'k', value: 'ok' }][index] as Record<string, unknown>);
      expectObservable(get()).toBe('#', undefined, expect.objectContaining({ code: 404 }));
      expectObservable(get(50)).toBe('50ms #', undefined, new TimeoutError("GET 'k' got no reply within 50 ms"));
      expectObservable(get()).toBe('2ms (a|)', { a: { code: 200, key: 'k', value: 'ok', messageId: 3 } });
    });
  });

  it('counts 429s inside an open window once', () => {
    scheduler.run(({ flush }) => {
      const { get, throttle, releases } = wire({ rateLimit: 10 });
      throttle.report429();
      throttle.report429();
      get().subscribe();
      flush();
      expect(releases).toEqual([1000]);
      expect(throttle.getMetrics().currentRate).toBe(5);
    });
  });

  it('destroy() stops releasing, fails what is queued, and completes metrics$', () => {
    scheduler.run(({ flush }) => {
      const { harness, get, throttle, releases } = wire({ rateLimit: 10 });
      let completed = false;
      throttle.metrics$.subscribe({ complete: () => (completed = true) });
      get().subscribe({ error: () => undefined }); // sent, its answer still on the way
      let failure: unknown;
      get().subscribe({ error: (error: unknown) => (failure = error) });
      harness.pipeline.destroy(new Error('The client was destroyed: create a new client'));
      flush();
      expect(releases).toEqual([0]);
      expect(completed).toBe(true);
      expect((failure as Error).message).toMatch(/destroyed/);
      expect(scheduler.actions.filter((action) => !action.closed)).toEqual([]);
    });
  });

  it('fails a request made after destroy() at once, with nothing left scheduled', () => {
    const { harness, get } = wire({ rateLimit: 10 });
    harness.pipeline.destroy(new Error('gone'));
    let failure: unknown;
    get(10_000).subscribe({ error: (error: unknown) => (failure = error) });
    expect(failure).toMatchObject({ name: 'ConnectionError', message: 'The client was destroyed: create a new client' });
    expect(scheduler.actions).toEqual([]);
  });
});

describe('RequestThrottle as the official ThrottlingManager', () => {
  it('throttleRequest() resolves in turn, one slot each; notify429() cuts the rate', () => {
    const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
    scheduler.run(({ flush }) => {
      const throttle = new RequestThrottle({ rateLimit: 10 }, scheduler);
      const resumed: number[] = [];
      for (let i = 0; i < 3; i++) void throttle.throttleRequest().then(() => resumed.push(i));
      flush();
      throttle.notify429();
      expect(throttle.getMetrics().currentRate).toBe(5);
      throttle.destroy();
    });
  });
});
