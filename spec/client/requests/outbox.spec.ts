import { TestScheduler } from 'rxjs/testing';
import { HPKVOperation } from '../../../lib/protocol';
import { pipelineHarness } from '../../support/pipeline-harness';

// The outbox holds what cannot go on the wire yet and drains it through the throttle, so the
// rate limit holds on the wire: after a reconnect too, re-sent reads included.
describe('Outbox (marble time, scripted link)', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
  });

  /** Pipeline at 10 requests/s on a link that records [time, op, key] per frame and answers `answer(frame index)`. */
  function wire(answer: (index: number, frame: { op: number; key: string; messageId: number }) => Record<string, unknown> | undefined = () => undefined) {
    const harness = pipelineHarness(scheduler, { throttling: { enabled: true, rateLimit: 10 }, maxQueuedRequests: 100 });
    const frames: [number, string][] = [];
    const open = (): void =>
      harness.open((text) => {
        const frame = JSON.parse(text) as { op: number; key: string; messageId: number };
        const index = frames.push([scheduler.now(), `${HPKVOperation[frame.op]} ${frame.key}`]) - 1;
        const body = answer(index, frame);
        if (body !== undefined) scheduler.schedule(() => harness.dispatch(JSON.stringify({ ...body, messageId: frame.messageId })));
        return true;
      });
    return { harness, frames, open };
  }

  it('paces a reconnect burst at the rate limit: the reads re-sent first, then the 25 requests made while down, 100 ms apart', () => {
    scheduler.run(({ flush }) => {
      const { harness, frames, open } = wire();
      open();
      // Three reads on the wire (at 0, 100, 200), unanswered; the connection drops at 250.
      for (const key of ['r1', 'r2', 'r3']) harness.request$({ op: HPKVOperation.GET, key }, 60_000).subscribe({ error: () => undefined });
      scheduler.schedule(() => harness.waiting(), 250);
      // 25 requests while reconnecting (3 s).
      scheduler.schedule(() => {
        for (let i = 1; i <= 25; i++) harness.request$({ op: HPKVOperation.GET, key: `q${i}` }, 60_000).subscribe({ error: () => undefined });
      }, 500);
      scheduler.schedule(() => open(), 3250);
      flush();
      expect(frames.slice(0, 3)).toEqual([
        [0, 'GET r1'],
        [100, 'GET r2'],
        [200, 'GET r3'],
      ]);
      const after = frames.slice(3);
      expect(after).toHaveLength(28);
      // Re-sent reads count like any request: one slot each, first.
      expect(after.slice(0, 3)).toEqual([
        [3250, 'GET r1'],
        [3350, 'GET r2'],
        [3450, 'GET r3'],
      ]);
      expect(after.slice(3).map(([, what]) => what)).toEqual(Array.from({ length: 25 }, (_, i) => `GET q${i + 1}`));
      // Never two frames closer than 1/rate on the wire.
      const times = after.map(([at]) => at);
      expect(times).toEqual(Array.from({ length: 28 }, (_, i) => 3250 + 100 * i));
    });
  });

  it('a 429 during the drain after a reconnect opens the backoff window for what is still queued', () => {
    scheduler.run(({ flush }) => {
      // The 3rd frame after the reconnect is answered 429; the others 200.
      const { harness, frames, open } = wire((index, frame) =>
        index === 2 ? { code: 429, error: 'Rate limit exceeded' } : { code: 200, key: frame.key, value: 'v' },
      );
      harness.waiting();
      const failures: unknown[] = [];
      for (let i = 1; i <= 6; i++) harness.request$({ op: HPKVOperation.GET, key: `q${i}` }, 60_000).subscribe({ error: (error: unknown) => failures.push(error) });
      scheduler.schedule(() => open(), 1000);
      flush();
      expect(failures).toEqual([expect.objectContaining({ code: 429 })]);
      // 1000, 1100, 1200 (answered 429 at once): the rate halves to 5/s and nothing leaves for 1 s.
      expect(frames.map(([at]) => at)).toEqual([1000, 1100, 1200, 2200, 2400, 2600]);
    });
  });

  it('counts what waits: the queue length covers requests waiting for the link and for a slot', () => {
    scheduler.run(({ flush }) => {
      const { harness, open } = wire();
      harness.waiting();
      for (let i = 0; i < 4; i++) harness.request$({ op: HPKVOperation.GET, key: `k${i}` }, 60_000).subscribe({ error: () => undefined });
      const { throttle } = harness.pipeline;
      expect(throttle.getMetrics().queueLength).toBe(4);
      open();
      expect(throttle.getMetrics().queueLength).toBe(3); // the first left at once
      flush();
      expect(throttle.getMetrics().queueLength).toBe(0);
    });
  });

  it('holds no timer while the link is down, whatever is queued', () => {
    scheduler.run(() => {
      const { harness } = wire();
      harness.waiting();
      // No deadline either: these wait as long as the connection takes.
      harness.request$({ op: HPKVOperation.GET, key: 'k' }, 60_000).subscribe({ error: () => undefined });
      harness.request$({ op: HPKVOperation.GET, key: 'k' }, 60_000).subscribe({ error: () => undefined });
      // Only the deadline bucket's one action: nothing from the throttle or the drain.
      expect(scheduler.actions.filter((action) => !action.closed)).toHaveLength(1);
    });
  });
});
