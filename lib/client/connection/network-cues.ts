import { filter, fromEvent, map, merge, NEVER, type Observable } from 'rxjs';

/**
 * What the runtime says about the network: `offline` (no network: the socket cannot be trusted),
 * `online` (back), `visible` (the page became visible again: its timers may have been throttled
 * while hidden, so liveness is checked at once).
 */
export type NetworkCue = 'offline' | 'online' | 'visible';

interface EventSource {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

const isEventSource = (value: unknown): value is EventSource =>
  typeof (value as EventSource | undefined)?.addEventListener === 'function' && typeof (value as EventSource | undefined)?.removeEventListener === 'function';

/**
 * The runtime's cues, from `globalThis` events: window `offline` and `online`, document
 * `visibilitychange` to visible. Listeners are added on subscribe and removed on unsubscribe.
 * Where there are no such events (Node) it never emits.
 */
export function runtimeNetworkCues(global: unknown = globalThis): Observable<NetworkCue> {
  const cues: Observable<NetworkCue>[] = [];
  if (isEventSource(global)) {
    cues.push(fromEvent(global, 'offline').pipe(map((): NetworkCue => 'offline')), fromEvent(global, 'online').pipe(map((): NetworkCue => 'online')));
  }
  const document = (global as { document?: EventSource & { visibilityState?: string } } | undefined)?.document;
  if (isEventSource(document)) {
    cues.push(
      fromEvent(document, 'visibilitychange').pipe(
        filter(() => document.visibilityState === 'visible'),
        map((): NetworkCue => 'visible'),
      ),
    );
  }
  return cues.length === 0 ? NEVER : merge(...cues);
}
