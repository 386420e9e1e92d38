import { Observable, type SchedulerLike, type Subscription } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { Heartbeat } from '../../../lib/client/connection/heartbeat';
import { type HeartbeatConfig } from '../../../lib/client/connection/heartbeat-config';

/**
 * The heartbeat alone, in marble time. Inputs are hot marbles: `a` something arrived, `s` a
 * request was sent, `c` a check cue (online, visible). Outputs: `p` ping, `q` probe, `d` dead
 * (the stream then completes). `awaiting` scripts whether replies are still owed.
 */
describe('Heartbeat (marble time)', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  interface Script {
    runtime: 'node' | 'browser';
    config?: Partial<HeartbeatConfig>;
    activity?: string;
    sent?: string;
    check?: string;
    /** Requests still owed after something arrived (the multiplexer's in-flight count > 0). */
    awaiting?: () => boolean;
    /** Every timer fires this many ms late, as in a background tab. */
    timersLateBy?: number;
  }

  const deaths: Error[] = [];
  /** Every timer the heartbeat armed: [when, delay]. */
  const armed: [number, number][] = [];
  /** The outputs of a heartbeat built on subscribe and stopped on unsubscribe. */
  function heartbeat$(script: Script, hot: (marbles: string) => Observable<string>): Observable<string> {
    // Hot inputs are made now, inside run() before it flushes, so the scheduler plays them.
    const activity$ = script.activity === undefined ? undefined : hot(script.activity);
    const sent$ = script.sent === undefined ? undefined : hot(script.sent);
    const check$ = script.check === undefined ? undefined : hot(script.check);
    return new Observable<string>((subscriber) => {
      const config = { intervalMs: 10, timeoutMs: 4, probe: false, ...script.config };
      const socket = script.runtime === 'node' ? { ping: () => subscriber.next('p') } : {};
      const requests = {
        awaitingReplies: script.awaiting ?? (() => false),
        probe: () => {
          subscriber.next('q');
          heartbeat.sent(); // the probe request goes on the wire
        },
      };
      const late = script.timersLateBy ?? 0;
      const timers = {
        now: () => scheduler.now(),
        schedule: (work: () => void, delay = 0) => {
          armed.push([scheduler.now(), delay]);
          return scheduler.schedule(work, delay + late);
        },
      } as SchedulerLike;
      const heartbeat: Heartbeat = new Heartbeat(config, timers, socket, requests, (error) => {
        deaths.push(error);
        subscriber.next('d');
        subscriber.complete();
      });
      const inputs: Subscription[] = [];
      if (activity$) inputs.push(activity$.subscribe(() => heartbeat.activity()));
      if (sent$) inputs.push(sent$.subscribe(() => heartbeat.sent()));
      if (check$) inputs.push(check$.subscribe(() => heartbeat.check()));
      return () => {
        heartbeat.stop();
        for (const input of inputs) input.unsubscribe();
      };
    });
  }

  beforeEach(() => {
    deaths.splice(0);
    armed.splice(0);
  });

  describe('Node (the socket can ping)', () => {
    it('pings after intervalMs of silence and declares the socket dead when the pong does not come within timeoutMs', () => {
      scheduler.run(({ hot, expectObservable }) => {
        expectObservable(heartbeat$({ runtime: 'node' }, hot)).toBe('----------p---(d|)');
      });
      expect(deaths[0]).toMatchObject({ name: 'ConnectionError', closeCode: 1006 });
      expect(deaths[0].message).toBe(
        'The connection is dead: a ping got no pong and nothing at all arrived for 14 ms (heartbeat.timeoutMs 4). Reconnecting.',
      );
    });

    it('detects a stall within intervalMs + timeoutMs of the last thing that arrived', () => {
      scheduler.run(({ hot, expectObservable }) => {
        // the last arrival at 8: ping at 18, dead at 22 = 8 + intervalMs + timeoutMs.
        expectObservable(heartbeat$({ runtime: 'node', activity: '--a-a---a' }, hot)).toBe('------------------p---(d|)');
      });
    });

    it('keeps a quiet connection whose pongs come back: one ping per intervalMs of silence', () => {
      scheduler.run(({ hot, expectObservable }) => {
        const activity = '-----------a----------a';
        expectObservable(heartbeat$({ runtime: 'node', activity }, hot), '^-------------------------------!').toBe(
          '----------p----------p----------',
        );
      });
    });

    it('a request that gets no reply, and nothing else arriving: a ping halfway through timeoutMs, dead at timeoutMs', () => {
      scheduler.run(({ hot, expectObservable }) => {
        // sent at 2: ping at 4; no pong: dead at 6 (not 2 + interval + timeout).
        expectObservable(heartbeat$({ runtime: 'node', sent: '--s' }, hot)).toBe('----p-(d|)');
      });
      expect(deaths[0].message).toBe(
        'The connection is dead: a request got no reply, a ping no pong, and nothing at all arrived for 6 ms (heartbeat.timeoutMs 4). Reconnecting.',
      );
    });

    it('a slow server that answers pings is not dead: its reply may take longer than timeoutMs', () => {
      scheduler.run(({ hot, expectObservable }) => {
        // sent at 2; pings at 4, 7 and 10, each answered a frame later; the reply at 13.
        const activity = '-----a--a--a-a';
        const owed = (): boolean => scheduler.now() < 13;
        expectObservable(heartbeat$({ runtime: 'node', sent: '--s', activity, awaiting: owed }, hot), '^-------------------!').toBe('----p--p--p---------');
      });
    });

    it('counts the silence from the last arrival while replies are still owed', () => {
      scheduler.run(({ hot, expectObservable }) => {
        // two requests at 1, one reply at 2, the other never: ping at 2 + 2, dead at 2 + 4.
        let owed = 2;
        hot('--a').subscribe(() => owed--);
        expectObservable(heartbeat$({ runtime: 'node', sent: '-s', activity: '--a', awaiting: () => owed > 0 }, hot)).toBe('----p-(d|)');
      });
    });

    it('checks at once on a cue (online, page visible) instead of waiting for the interval', () => {
      scheduler.run(({ hot, expectObservable }) => {
        expectObservable(heartbeat$({ runtime: 'node', check: '---c' }, hot)).toBe('---p---(d|)');
      });
    });

    it('holds no timer once stopped', () => {
      scheduler.run(({ hot, expectObservable, flush }) => {
        expectObservable(heartbeat$({ runtime: 'node' }, hot), '^--!').toBe('---');
        flush();
        expect(scheduler.actions).toEqual([]);
      });
    });
  });

  describe('browsers (no ping)', () => {
    it('declares the socket dead when a request has been on the wire for timeoutMs and nothing at all arrived', () => {
      scheduler.run(({ hot, expectObservable }) => {
        expectObservable(heartbeat$({ runtime: 'browser', sent: '--s' }, hot)).toBe('------(d|)');
      });
      expect(deaths[0].message).toBe('The connection is dead: a request got no reply and nothing at all arrived for 6 ms (heartbeat.timeoutMs 4). Reconnecting.');
    });

    it('anything arriving meanwhile (a reply, a notification) restarts the count; a later request starts its own', () => {
      scheduler.run(({ hot, expectObservable }) => {
        // sent at 1, arrived at 3 (nothing owed any more), sent again at 9: dead at 13.
        expectObservable(heartbeat$({ runtime: 'browser', sent: '-s-------s', activity: '---a' }, hot)).toBe('-------------(d|)');
      });
    });

    it('runs no timer while idle: with nothing owed and no probe, an idle socket cannot be checked', () => {
      scheduler.run(({ hot, expectObservable }) => {
        expectObservable(heartbeat$({ runtime: 'browser', activity: '-a' }, hot), '^------------------------------!').toBe('');
      });
      expect(armed).toEqual([]);
    });

    it('arms one timer per quiet spell, not one per request: replies and requests only write fields', () => {
      scheduler.run(({ hot, expectObservable }) => {
        // a request every frame, each answered on the next: the timer is armed at the first send
        // and once each time it fires (every timeoutMs), never per request.
        expectObservable(heartbeat$({ runtime: 'browser', sent: '-ssssssssssss', activity: '--aaaaaaaaaaaa' }, hot), '^-------------!').toBe('');
      });
      expect(armed).toEqual([
        [1, 4],
        [5, 4],
        [9, 4],
      ]);
    });

    it('probes an idle socket every intervalMs with probe: true, and a probe with no reply is a dead socket', () => {
      scheduler.run(({ hot, expectObservable }) => {
        // probe at 10 answered at 12; next probe at 22, unanswered: dead at 26.
        expectObservable(heartbeat$({ runtime: 'browser', config: { probe: true }, activity: '------------a' }, hot)).toBe('----------q-----------q---(d|)');
      });
    });

    it('in a background tab whose timers run 20 ms late, the visible cue finds the request owed too long and ends it at once', () => {
      scheduler.run(({ hot, expectObservable }) => {
        // Due at 5, its timer would fire at 25; the page becomes visible at 9.
        expectObservable(heartbeat$({ runtime: 'browser', sent: '-s', timersLateBy: 20 }, hot)).toBe('-------------------------(d|)');
        expectObservable(heartbeat$({ runtime: 'browser', sent: '-s', check: '---------c', timersLateBy: 20 }, hot)).toBe('---------(d|)');
      });
    });

    it('a cue before anything is due changes nothing', () => {
      scheduler.run(({ hot, expectObservable }) => {
        expectObservable(heartbeat$({ runtime: 'browser', sent: '-s', check: '---c' }, hot)).toBe('-----(d|)');
      });
    });

    it('probes at once on a cue with probe: true', () => {
      scheduler.run(({ hot, expectObservable }) => {
        expectObservable(heartbeat$({ runtime: 'browser', config: { probe: true }, check: '--c', activity: '----a' }, hot), '^-------!').toBe('--q-----');
      });
    });
  });
});
