import { asyncScheduler } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { Deadlines } from '../../../lib/client/requests/deadlines';
import { PromiseRequest, SETTLED, type PendingRequest } from '../../../lib/client/requests/pending-request';

describe('Deadlines', () => {
  const make = (id: number): PendingRequest => {
    const request = new PromiseRequest(1, 'k', undefined, undefined, undefined);
    request.messageId = id;
    return request;
  };

  it('expires each request at its deadline with one action per timeout value, skipping settled ones', () => {
    const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
    scheduler.run(({ flush }) => {
      const expired: [number, number][] = [];
      const deadlines: Deadlines = new Deadlines(scheduler, (request) => {
        deadlines.release(request);
        request.state = SETTLED;
        expired.push([request.messageId, scheduler.now()]);
      });
      deadlines.add(make(1), 100);
      const settled = make(2);
      deadlines.add(settled, 100);
      deadlines.add(make(3), 50);
      settled.state = SETTLED;
      deadlines.release(settled);
      scheduler.schedule(() => deadlines.add(make(4), 100), 30);
      expect(scheduler.actions).toHaveLength(3);
      flush();
      expect(expired).toEqual([
        [3, 50],
        [1, 100],
        [4, 130],
      ]);
    });
  });

  it('cancels a bucket\'s action as soon as its last request is released: no timer outlives its work', () => {
    const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
    const deadlines = new Deadlines(scheduler, () => undefined);
    const request = make(1);
    deadlines.add(request, 10_000);
    expect(scheduler.actions.filter((action) => !action.closed)).toHaveLength(1);
    deadlines.release(request);
    expect(scheduler.actions.every((action) => action.closed)).toBe(true);
  });

  it('clear() cancels every action', () => {
    const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
    const deadlines = new Deadlines(scheduler, () => undefined);
    deadlines.add(make(1), 10);
    deadlines.clear();
    expect(scheduler.actions.every((action) => action.closed)).toBe(true);
  });

  it('in real time, reads the clock for the first request of a turn and once for the rest, at its end: never early', async () => {
    const fired = new Map<number, number>();
    let bothFired!: () => void;
    const done = new Promise<void>((resolve) => (bothFired = resolve));
    const deadlines: Deadlines = new Deadlines(asyncScheduler, (request) => {
      deadlines.release(request);
      request.state = SETTLED;
      fired.set(request.messageId, performance.now());
      if (fired.size === 2) bothFired();
    });
    const added = new Map<number, number>();
    const first = make(1);
    added.set(1, performance.now());
    deadlines.add(first, 40);
    // The same turn, 25 ms later: its deadline must still count from its own call.
    const busyUntil = performance.now() + 25;
    while (performance.now() < busyUntil) {
      // a long synchronous turn
    }
    const second = make(2);
    added.set(2, performance.now());
    deadlines.add(second, 40);
    expect(first.deadline).toBeGreaterThan(0); // the turn's first: read at once
    expect(second.deadline).toBe(0); // the rest: read when the turn ends
    await done;
    expect(second.deadline).toBeGreaterThanOrEqual(first.deadline + 24);
    // Never early (1 ms for Node's timer rounding).
    for (const id of [1, 2]) expect(fired.get(id)! - added.get(id)!).toBeGreaterThanOrEqual(39);
  });
});
