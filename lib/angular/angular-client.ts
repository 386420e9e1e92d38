import { type NgZone, type PendingTasks } from '@angular/core';
import { filter, type Observable } from 'rxjs';
import { type ConnectionState } from 'hpkv-rx';
import { CLIENT_MEMBERS, type MemberKind } from './client-members';
import { holdUntilFirstValue } from './hold-until-first-value';
import { holdUntilSettled } from './hold-until-settled';
import { settleInside } from './settle-inside';
import { type AnyHpkvClient, type HpkvClient } from './hpkv-client';
import { zoneBridge } from './zone-bridge';

/** What the Angular layer needs from the app. */
export interface AngularClientContext {
  zone: NgZone;
  pendingTasks: Pick<PendingTasks, 'add'>;
  /** Whether one-shot requests keep the app unstable until they settle (server rendering). */
  requestsContributeToStability: boolean;
  /** The members to wrap, by kind. @default CLIENT_MEMBERS */
  members?: Readonly<Record<string, MemberKind>>;
}

type Method = (...args: unknown[]) => unknown;
type Listener = (...args: unknown[]) => void;

/** Whether a state form's emission (`{ value, stale }`) holds a value yet. */
const isRead = (state: unknown): boolean => (state as { value?: unknown }).value !== undefined;

/**
 * The client, zone-correct: every member of `CLIENT_MEMBERS` is wrapped by its kind. The
 * client's own work (calls, subscriptions, unsubscriptions, and so every socket and timer they
 * arm) runs outside the Angular zone; everything it hands back to the app (values, errors,
 * completions, settled Promises, callbacks) arrives inside. Live streams hold the app's
 * stability until their first value; one-shot requests until they settle, when asked to.
 */
export function angularClient<C extends AnyHpkvClient>(client: C, context: AngularClientContext): HpkvClient<C> {
  const { zone, pendingTasks, requestsContributeToStability, members: kinds = CLIENT_MEMBERS } = context;
  const members = client as unknown as Record<string, unknown>;
  const outside = (name: string, args: unknown[]): unknown => zone.runOutsideAngular(() => (members[name] as Method).apply(client, args));
  const bridged = <T>(source: Observable<T>): Observable<T> => source.pipe(zoneBridge(zone));
  const holdRequest = <T>(source: Observable<T>): Observable<T> => (requestsContributeToStability ? source.pipe(holdUntilSettled(pendingTasks)) : source);
  // Nothing more will arrive until someone connects again: live streams stop holding stability.
  // (Compared as text: a type-only import keeps the client's code out of this entry point.)
  const connectionDown$ = client.state$.pipe(filter((state: ConnectionState) => `${state}` === 'DISCONNECTED'));
  // Live streams hold stability until their first value that `counts`.
  const live =
    (counts?: (value: unknown) => boolean) =>
    (name: string) =>
    (...args: unknown[]) =>
      bridged(outside(name, args) as Observable<unknown>).pipe(holdUntilFirstValue(pendingTasks, connectionDown$, counts));
  // Per event, the app's listener → the one registered with the client, which calls it inside.
  const listeners = new Map<unknown, Map<Listener, Listener>>();
  const insideListener = (event: unknown, listener: Listener): Listener => {
    let byListener = listeners.get(event);
    if (byListener === undefined) listeners.set(event, (byListener = new Map()));
    let registered = byListener.get(listener);
    if (registered === undefined) byListener.set(listener, (registered = (...args) => zone.run(() => listener(...args))));
    return registered;
  };

  const wrap: Record<MemberKind, (name: string) => unknown> = {
    request$: (name) => (...args: unknown[]) => holdRequest(bridged(outside(name, args) as Observable<unknown>)),
    request: (name) => (...args: unknown[]) => settleInside(zone, () => outside(name, args) as Promise<unknown>, requestsContributeToStability ? pendingTasks : undefined),
    control: (name) => (...args: unknown[]) => settleInside(zone, () => outside(name, args) as Promise<unknown>),
    changes$: (name) => (...args: unknown[]) => bridged(outside(name, args) as Observable<unknown>),
    live$: live(),
    liveState$: live(isRead),
    feed$: (name) => bridged(members[name] as Observable<unknown>),
    listen: (name) => (event: unknown, listener: Listener) => outside(name, [event, insideListener(event, listener)]),
    unlisten: (name) => (event: unknown, listener: Listener) => {
      const registered = listeners.get(event)?.get(listener);
      listeners.get(event)?.delete(listener);
      if (registered !== undefined) outside(name, [event, registered]);
    },
    callback: (name) => (callback: Listener) => outside(name, [(...args: unknown[]) => zone.run(() => callback(...args))]),
    call: (name) => (...args: unknown[]) => outside(name, args),
    owned: () => undefined,
  };

  const wrapped: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(kinds)) {
    if (kind !== 'owned' && name in client) wrapped[name] = wrap[kind](name);
  }
  return wrapped as HpkvClient<C>;
}
