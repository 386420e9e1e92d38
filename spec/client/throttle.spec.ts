import { defer, NEVER, of, throwError, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { HPKVError, TimeoutError } from '../../lib/client/errors';
import { RequestThrottle } from '../../lib/client/throttle';

describe('RequestThrottle', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
  });

  /** A request that records when it was let through and answers at once. */
  function request(releases: number[], value = 'ok'): Observable<string> {
    return defer(() => {
      releases.push(scheduler.now());
      return of(value);
    });
  }

  it('bypasses entirely when disabled', () => {
    const throttle = new RequestThrottle({ enabled: false }, scheduler);
    const source = of(1);
    expect(throttle.gate(source)).toBe(source);
  });

  it.each([
    [10, [0, 100, 200, 300, 400]],
    [100, [0, 10, 20, 30, 40]],
  ])('spaces a burst at %i/s, the first at once', (rateLimit, expected) => {
    scheduler.run(({ flush }) => {
      const throttle = new RequestThrottle({ rateLimit }, scheduler);
      const releases: number[] = [];
      for (let i = 0; i < 5; i++) throttle.gate(request(releases)).subscribe();
      expect(throttle.getMetrics()).toEqual({ currentRate: rateLimit, queueLength: 4 });
      flush();
      expect(releases).toEqual(expected);
      expect(throttle.getMetrics().queueLength).toBe(0);
    });
  });

  it('delivers the reply through the gate', () => {
    scheduler.run(({ expectObservable }) => {
      const throttle = new RequestThrottle({ rateLimit: 10 }, scheduler);
      throttle.gate(of('first')).subscribe();
      expectObservable(throttle.gate(of('second'))).toBe('100ms (a|)', { a: 'second' });
    });
  });

  it('schedules nothing while idle: a request after a pause goes at once', () => {
    scheduler.run(({ flush }) => {
      const throttle = new RequestThrottle({ rateLimit: 10 }, scheduler);
      const releases: number[] = [];
      throttle.gate(request(releases)).subscribe();
      flush();
      expect(scheduler.actions ?? []).toEqual([]);
      scheduler.schedule(() => throttle.gate(request(releases)).subscribe(), 1000);
      flush();
      expect(releases).toEqual([0, 1000]);
    });
  });

  it('leaves the queue on unsubscribe without using a slot', () => {
    scheduler.run(({ flush }) => {
      const throttle = new RequestThrottle({ rateLimit: 10 }, scheduler);
      const releases: number[] = [];
      throttle.gate(request(releases)).subscribe();
      const dropped = throttle.gate(request(releases)).subscribe();
      throttle.gate(request(releases)).subscribe();
      dropped.unsubscribe();
      expect(throttle.getMetrics().queueLength).toBe(1);
      flush();
      expect(releases).toEqual([0, 100]);
    });
  });

  it('fails a request whose deadline passes while queued', () => {
    scheduler.run(({ expectObservable }) => {
      const throttle = new RequestThrottle({ rateLimit: 1 }, scheduler);
      throttle.gate(of(1)).subscribe();
      expectObservable(throttle.gate(of(2), { deadline: 300 })).toBe('300ms #', undefined, new TimeoutError('Request timed out while waiting for a throttling slot'));
    });
  });

  it('cuts the rate on a 429, holds everything for the backoff window, then recovers step by step', () => {
    scheduler.run(({ flush }) => {
      const throttle = new RequestThrottle({ rateLimit: 10 }, scheduler);
      const rates: [number, number][] = [];
      throttle.metrics$.subscribe(({ currentRate }) => {
        if (rates.at(-1)?.[1] !== currentRate) rates.push([scheduler.now(), currentRate]);
      });
      let failure: unknown;
      throttle.gate(throwError(() => new HPKVError('Rate limit exceeded', 429))).subscribe({ error: (error: unknown) => (failure = error) });
      const releases: number[] = [];
      throttle.gate(request(releases)).subscribe();
      flush();
      expect(failure).toEqual(new HPKVError('Rate limit exceeded', 429));
      // Rate halves to 5/s; nothing leaves before the 1 s window ends.
      expect(releases).toEqual([1000]);
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
      const throttle = new RequestThrottle({ rateLimit: 10 }, scheduler);
      const releases: number[] = [];
      // Each 429 arrives just as the previous window closes: windows of 1 s, 2 s, then 4 s.
      for (const at of [0, 1000, 3000]) scheduler.schedule(() => throttle.report429(), at);
      scheduler.schedule(() => throttle.gate(request(releases)).subscribe(), 3000);
      flush();
      expect(releases).toEqual([7000]);
      expect(throttle.getMetrics().currentRate).toBe(1.25); // 10 → 5 → 2.5 → 1.25
      throttle.report429();
      expect(throttle.getMetrics().currentRate).toBe(1); // not 0.625: never below 10% of the limit
    });
  });

  it('re-queues a 429 instead of failing it with retryOn429', () => {
    scheduler.run(({ expectObservable }) => {
      const throttle = new RequestThrottle({ rateLimit: 10, retryOn429: true }, scheduler);
      let calls = 0;
      const flaky = defer(() => (++calls === 1 ? throwError(() => new HPKVError('Rate limit exceeded', 429)) : of('ok')));
      expectObservable(throttle.gate(flaky)).toBe('1000ms (a|)', { a: 'ok' });
    });
  });

  it('applies a new limit to what is queued at once (the waiting head included), and releases everything at once when disabled', () => {
    scheduler.run(({ flush }) => {
      const throttle = new RequestThrottle({ rateLimit: 10 }, scheduler);
      const releases: number[] = [];
      for (let i = 0; i < 6; i++) throttle.gate(request(releases)).subscribe();
      scheduler.schedule(() => throttle.updateConfig({ rateLimit: 20 }), 150);
      scheduler.schedule(() => throttle.updateConfig({ enabled: false }), 260);
      flush();
      expect(releases).toEqual([0, 100, 150, 200, 250, 260]);
      expect(throttle.config).toEqual({ enabled: false, rateLimit: 20, retryOn429: false });
    });
  });

  it('passes through requests that error, complete empty, or never answer', () => {
    scheduler.run(({ expectObservable }) => {
      const throttle = new RequestThrottle({ rateLimit: 1000 }, scheduler);
      expectObservable(throttle.gate(throwError(() => new Error('boom')))).toBe('#', undefined, new Error('boom'));
      expectObservable(throttle.gate(of())).toBe('1ms |');
      expectObservable(throttle.gate(NEVER)).toBe('');
    });
  });

  it('counts 429s inside an open window once', () => {
    scheduler.run(({ flush }) => {
      const throttle = new RequestThrottle({ rateLimit: 10 }, scheduler);
      const releases: number[] = [];
      throttle.report429();
      throttle.report429();
      throttle.gate(request(releases)).subscribe();
      flush();
      expect(releases).toEqual([1000]);
      expect(throttle.getMetrics().currentRate).toBe(5);
    });
  });

  it('destroy() stops releasing, fails what is queued, and completes metrics$', () => {
    scheduler.run(({ flush }) => {
      const throttle = new RequestThrottle({ rateLimit: 10 }, scheduler);
      const releases: number[] = [];
      let completed = false;
      throttle.metrics$.subscribe({ complete: () => (completed = true) });
      throttle.gate(request(releases)).subscribe();
      let failure: unknown;
      throttle.gate(request(releases)).subscribe({ error: (error: unknown) => (failure = error) });
      throttle.destroy();
      flush();
      expect(releases).toEqual([0]);
      expect(completed).toBe(true);
      expect((failure as Error).message).toMatch(/destroyed before this request left the throttling queue/);
    });
  });

  it('fails a request gated after destroy() at once, with nothing left scheduled', () => {
    const throttle = new RequestThrottle({ rateLimit: 10 }, scheduler);
    throttle.destroy();
    let failure: unknown;
    throttle.gate(of('x'), { deadline: 10_000 }).subscribe({ error: (error: unknown) => (failure = error) });
    expect(failure).toMatchObject({ name: 'ConnectionError', message: 'The client was destroyed: create a new client' });
    expect(scheduler.actions).toEqual([]);
  });
});
