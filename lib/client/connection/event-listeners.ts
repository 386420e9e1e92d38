import { isolate } from '../isolate';
import { type ListenerError } from '../errors';
import { type ConnectionEventMap, type ConnectionEventName } from './connection-events';

type Listener<E extends ConnectionEventName> = (...args: ConnectionEventMap[E]) => void;

/**
 * The `on`/`off` listener registry. A listener that throws never breaks delivery to the
 * others nor becomes an uncaught error: it is reported through `onListenerError`.
 */
export class EventListeners {
  private readonly listeners = new Map<ConnectionEventName, Set<(...args: never[]) => void>>();

  constructor(private readonly onListenerError: (error: ListenerError) => void) {}

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
    // An 'error' listener that throws is dropped silently: reporting it would loop.
    const report = event === 'error' ? () => undefined : this.onListenerError;
    for (const listener of [...set]) isolate((given: ConnectionEventMap[E]) => (listener as Listener<E>)(...given), args, `A '${event}' listener`, report);
  }

  clear(): void {
    this.listeners.clear();
  }
}
