import { type ConnectionEventMap, type ConnectionEventName } from './connection-events';

type Listener<E extends ConnectionEventName> = (...args: ConnectionEventMap[E]) => void;

/**
 * The `on`/`off` listener registry. A listener that throws never breaks delivery to the
 * others nor becomes an unhandled error: it is reported through `onListenerError`.
 */
export class EventListeners {
  private readonly listeners = new Map<ConnectionEventName, Set<(...args: never[]) => void>>();

  constructor(private readonly onListenerError: (error: Error, event: ConnectionEventName) => void) {}

  on<E extends ConnectionEventName>(event: E, listener: Listener<E>): void {
    let set = this.listeners.get(event);
    if (set === undefined) this.listeners.set(event, (set = new Set()));
    set.add(listener as (...args: never[]) => void);
  }

  off<E extends ConnectionEventName>(event: E, listener: Listener<E>): void {
    this.listeners.get(event)?.delete(listener as (...args: never[]) => void);
  }

  emit<E extends ConnectionEventName>(event: E, ...args: ConnectionEventMap[E]): void {
    const set = this.listeners.get(event);
    if (set === undefined) return;
    for (const listener of [...set]) {
      try {
        (listener as Listener<E>)(...args);
      } catch (error) {
        // An 'error' listener that throws is dropped silently: reporting it would loop.
        if (event !== 'error') this.onListenerError(error instanceof Error ? error : new Error(String(error)), event);
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
