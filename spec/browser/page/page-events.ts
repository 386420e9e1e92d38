import { fromEvent, map, merge, type Observable } from 'rxjs';
import { type ConnectionEvent } from '../../../lib/client';
import { seenError, type SeenError } from './seen-error';

/** A connection event as plain data, with when the page saw it (`performance.now()`). */
export interface TimedEvent {
  type: ConnectionEvent['type'];
  at: number;
  code?: number;
  reason?: string;
  attempt?: number;
  delay?: number;
  error?: SeenError;
}

/** One of the page's own events the client takes its network cues from (`offline`, `online`, `visible`, `hidden`), and when. */
export interface TimedCue {
  cue: string;
  at: number;
}

export function timedEvent(event: ConnectionEvent): TimedEvent {
  const at = performance.now();
  switch (event.type) {
    case 'disconnected':
      return { type: event.type, at, code: event.code, reason: event.reason };
    case 'reconnecting':
      return { type: event.type, at, attempt: event.attempt, delay: event.delay };
    case 'reconnectFailed':
    case 'error':
      return { type: event.type, at, error: seenError(event.error) };
    default:
      return { type: event.type, at };
  }
}

/** The window's `offline` and `online`, the document's `visibilitychange` (as its new state). */
export function pageCues$(): Observable<TimedCue> {
  const cue = (target: EventTarget, type: string, what: () => string): Observable<TimedCue> => fromEvent(target, type).pipe(map(() => ({ cue: what(), at: performance.now() })));
  return merge(
    cue(window, 'offline', () => 'offline'),
    cue(window, 'online', () => 'online'),
    cue(document, 'visibilitychange', () => document.visibilityState),
  );
}

/**
 * SYNTHETIC: headless Chromium keeps every page visible (no tab switch, minimised window,
 * background target or DevTools command changes `document.visibilityState`: see
 * liveness.spec.ts), so the page plays the change itself, as the browser would: the state is
 * overridden and `visibilitychange` dispatched on the document.
 */
export function playVisibility(state: 'hidden' | 'visible'): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}
