import { type HPKVNotificationResponse } from '../../protocol';

/**
 * A notification as `watch$` delivers it. `resynced: true` marks one made by the client from a
 * re-read (`watch$(pattern, { resync: true })`), not sent by the server: the key's value when it
 * was read (`null`: it was deleted), with the client's clock as `timestamp`.
 */
export type WatchNotification = HPKVNotificationResponse & { readonly resynced?: true };

/**
 * The connection was down from `since` (when the client noticed the loss) to `until` (when it
 * was open again): notifications sent meanwhile were lost, HPKV replays none. Times are epoch
 * milliseconds on the client's scheduler.
 */
export interface WatchGap {
  readonly type: 'gap';
  readonly since: number;
  readonly until: number;
}

/** What `watch$` emits: notifications, and a gap after every reconnect. */
export type WatchEvent = WatchNotification | WatchGap;

/** True for a `WatchGap`. */
export function isWatchGap(event: WatchEvent): event is WatchGap {
  return event.type === 'gap';
}

/** True for a notification (from the server, or `resynced`). */
export function isWatchNotification(event: WatchEvent): event is WatchNotification {
  return event.type === 'notification';
}
