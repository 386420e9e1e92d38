import { type HPKVSubscriptionClient } from 'hpkv-rx';

/**
 * How the Angular layer treats one public member of a client:
 * - `request$`: returns a one-shot Observable (a request, or `scan$`'s pages)
 * - `request`: returns a Promise that settles with a reply
 * - `control`: returns a Promise that settles when the connection has changed (`connect`, `disconnect`)
 * - `changes$`: returns an Observable of changes with no current value (`watch$`)
 * - `live$`: returns an Observable whose first value is the current state (`live$`, `liveRange$`)
 * - `liveState$`: returns an Observable of `{ value, stale }` whose first emissions may be unread
 *   (`value` undefined): the state forms of `live$` and `liveRange$`
 * - `feed$`: is an Observable property (`state$`, `events$`, …)
 * - `listen` / `unlisten`: adds / removes a callback for an event (`on` / `off`)
 * - `callback`: registers a callback by id (`subscribe`; `unsubscribe` is a `call`)
 * - `call`: synchronous
 * - `owned`: not exposed; the injector owns it (`destroy`)
 */
export type MemberKind = 'request$' | 'request' | 'control' | 'changes$' | 'live$' | 'liveState$' | 'feed$' | 'listen' | 'unlisten' | 'callback' | 'call' | 'owned';

/**
 * Every public member of the clients, once, with its kind: the one list the Angular layer is
 * built from. It must name every member of `HPKVSubscriptionClient` (a superset of
 * `HPKVApiClient`) and nothing else, so a member added to the client (say a `synced$` stream)
 * fails the type check here until it is given a kind; giving it one is the whole change.
 */
export const CLIENT_MEMBERS = {
  get$: 'request$',
  set$: 'request$',
  patch$: 'request$',
  delete$: 'request$',
  range$: 'request$',
  atomicIncrement$: 'request$',
  scan$: 'request$',
  get: 'request',
  set: 'request',
  patch: 'request',
  delete: 'request',
  range: 'request',
  atomicIncrement: 'request',
  connect: 'control',
  disconnect: 'control',
  watch$: 'changes$',
  live$: 'live$',
  liveRange$: 'live$',
  liveState$: 'liveState$',
  liveRangeState$: 'liveState$',
  synced$: 'feed$',
  state$: 'feed$',
  events$: 'feed$',
  throttling$: 'feed$',
  notifications$: 'feed$',
  on: 'listen',
  off: 'unlisten',
  subscribe: 'callback',
  unsubscribe: 'call',
  getConnectionState: 'call',
  getConnectionStats: 'call',
  getThrottlingStatus: 'call',
  updateThrottlingConfig: 'call',
  destroy: 'owned',
} as const satisfies Record<keyof HPKVSubscriptionClient, MemberKind>;

/** Members the injector owns: not on the client `inject()` returns. */
export type OwnedMember = { [K in keyof typeof CLIENT_MEMBERS]: (typeof CLIENT_MEMBERS)[K] extends 'owned' ? K : never }[keyof typeof CLIENT_MEMBERS];
