import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import timers from 'node:timers';
// Node loads some built-ins on first use, and they keep the timer functions they find then
// (http's connection checker, for one): loaded here, before zone.js, they keep the real ones.
import 'node:http';
import 'node:https';
import 'node:net';
import 'node:tls';

// The Node modules zone.js/node patches in place. Jest gives each spec file its own globals but
// shares Node's modules across the files of a worker, so the patches would outlive the file.
const shared: object[] = [EventEmitter.prototype, timers, fs, crypto];
const snapshots = shared.map((target) => Object.getOwnPropertyDescriptors(target));

/** Puts back every property of the shared modules as it was when this module was loaded. */
export function restoreSharedNodeModules(): void {
  shared.forEach((target, index) => {
    const before = snapshots[index];
    for (const key of Reflect.ownKeys(target)) if (!Object.prototype.hasOwnProperty.call(before, key)) Reflect.deleteProperty(target, key);
    Object.defineProperties(target, before);
  });
}
