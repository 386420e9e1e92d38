import '../support/zone-node';
import { NgZone } from '@angular/core';
import { Observable, of, Subject, throwError, timer, type Subscription } from 'rxjs';
import { zoneBridge } from '../../lib/angular/zone-bridge';
import { DIRECT_AND_PIPED } from '../support/direct-and-piped';

/** Records whether each callback ran inside the Angular zone. */
function zoneLog() {
  const log: string[] = [];
  const where = (what: string) => log.push(`${what}:${NgZone.isInAngularZone() ? 'inside' : 'outside'}`);
  return { log, where };
}

describe('zoneBridge', () => {
  let zone: NgZone;
  beforeEach(() => {
    zone = new NgZone({ enableLongStackTrace: false });
  });

  it.each(DIRECT_AND_PIPED)('subscribes and unsubscribes outside the zone, delivers values and completion inside (%s)', (_, pipe) => {
    const { log, where } = zoneLog();
    const source = new Observable<number>((subscriber) => {
      where('subscribe');
      subscriber.next(1);
      subscriber.complete();
      return () => where('teardown');
    });
    zone.run(() =>
      pipe(source.pipe(zoneBridge(zone))).subscribe({ next: () => where('next'), complete: () => where('complete') }),
    );
    expect(log).toEqual(['subscribe:outside', 'next:inside', 'complete:inside', 'teardown:outside']);
  });

  it('delivers errors inside the zone', () => {
    const { log, where } = zoneLog();
    zone.runOutsideAngular(() => throwError(() => new Error('no')).pipe(zoneBridge(zone)).subscribe({ error: () => where('error') }));
    expect(log).toEqual(['error:inside']);
  });

  it('delivers inside even when subscribed from outside the zone', () => {
    const { log, where } = zoneLog();
    zone.runOutsideAngular(() => of(1).pipe(zoneBridge(zone)).subscribe(() => where('next')));
    expect(log).toEqual(['next:inside']);
  });

  it('keeps the timers its source arms out of the zone: the zone stays stable', () => {
    let plain: Subscription | undefined;
    zone.run(() => (plain = timer(60_000).subscribe()));
    expect(zone.hasPendingMacrotasks).toBe(true); // why the bridge exists
    plain!.unsubscribe();
    expect(zone.hasPendingMacrotasks).toBe(false);

    let bridged: Subscription | undefined;
    zone.run(() => (bridged = timer(60_000).pipe(zoneBridge(zone)).subscribe()));
    expect(zone.hasPendingMacrotasks).toBe(false);
    expect(zone.isStable).toBe(true);
    bridged!.unsubscribe();
  });

  it.each(DIRECT_AND_PIPED)('leaves no observer upstream after an early unsubscribe (%s)', (_, pipe) => {
    const upstream = new Subject<number>();
    const seen: number[] = [];
    const subscription = zone.run(() => pipe(upstream.pipe(zoneBridge(zone))).subscribe((value) => seen.push(value)));
    upstream.next(1);
    expect(upstream.observed).toBe(true);
    subscription.unsubscribe();
    upstream.next(2);
    expect(seen).toEqual([1]);
    expect(upstream.observed).toBe(false);
  });
});
