import '../support/zone-node';
import { NgZone } from '@angular/core';
import { settleInside } from '../../lib/angular/settle-inside';
import { countingTasks } from '../support/counting-tasks';

describe('settleInside', () => {
  let zone: NgZone;
  beforeEach(() => {
    zone = new NgZone({ enableLongStackTrace: false });
  });

  it('runs the work outside the zone and delivers the value inside, holding until then', async () => {
    const tasks = countingTasks();
    let resolveWork!: (value: string) => void;
    let workZone: boolean | undefined;
    const settled = zone.run(() =>
      settleInside(
        zone,
        () => {
          workZone = NgZone.isInAngularZone();
          return new Promise<string>((resolve) => (resolveWork = resolve));
        },
        tasks,
      ).then((value) => ({ value, inside: NgZone.isInAngularZone() })),
    );
    expect(workZone).toBe(false);
    expect(tasks.pending).toBe(1);
    zone.runOutsideAngular(() => resolveWork('ok'));
    await expect(settled).resolves.toEqual({ value: 'ok', inside: true });
    expect(tasks.pending).toBe(0);
  });

  it('delivers a rejection inside the zone and releases the hold', async () => {
    const tasks = countingTasks();
    const failure = new Error('no');
    const settled = zone.run(() =>
      settleInside(zone, () => Promise.reject(failure), tasks).catch((error: unknown) => ({ error, inside: NgZone.isInAngularZone() })),
    );
    await expect(settled).resolves.toEqual({ error: failure, inside: true });
    expect(tasks.pending).toBe(0);
  });

  it('turns work that throws into a rejection and releases the hold', async () => {
    const tasks = countingTasks();
    const failure = new Error('thrown');
    await expect(
      settleInside(
        zone,
        () => {
          throw failure;
        },
        tasks,
      ),
    ).rejects.toBe(failure);
    expect(tasks.pending).toBe(0);
  });

  it('holds nothing without pendingTasks', async () => {
    await expect(settleInside(zone, () => Promise.resolve(1))).resolves.toBe(1);
  });
});
