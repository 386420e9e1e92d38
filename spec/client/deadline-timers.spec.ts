import { TestScheduler } from 'rxjs/testing';
import { DeadlineTimers } from '../../lib/client/deadline-timers';
import { PendingRequest } from '../../lib/client/pending-request';

describe('DeadlineTimers', () => {
  it('expires each request at its deadline with one action per timeout value, skipping settled ones', () => {
    const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
    scheduler.run(({ flush }) => {
      const expired: [number, number][] = [];
      const timers = new DeadlineTimers(scheduler, (request) => {
        request.settled = true;
        expired.push([request.messageId, scheduler.now()]);
      });
      const make = (id: number, timeoutMs: number): PendingRequest =>
        new PendingRequest({ forget: () => undefined }, id, { op: 1, key: 'k' }, undefined as never, scheduler.now() + timeoutMs, timeoutMs);
      timers.add(make(1, 100));
      const settled = make(2, 100);
      timers.add(settled);
      timers.add(make(3, 50));
      settled.settled = true;
      scheduler.schedule(() => timers.add(make(4, 100)), 30);
      expect(scheduler.actions).toHaveLength(3);
      flush();
      expect(expired).toEqual([
        [3, 50],
        [1, 100],
        [4, 130],
      ]);
    });
  });

  it('clear() cancels every action', () => {
    const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
    const timers = new DeadlineTimers(scheduler, () => undefined);
    timers.add(new PendingRequest({ forget: () => undefined }, 1, { op: 1, key: 'k' }, undefined as never, 10, 10));
    timers.clear();
    expect(scheduler.actions.every((action) => action.closed)).toBe(true);
  });
});
