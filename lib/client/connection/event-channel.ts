import { Subject, type Observable } from 'rxjs';
import { type ConnectionEvent, type ConnectionEventMap, type ConnectionEventName } from './connection-events';
import { EventListeners } from './event-listeners';

/**
 * The client's events, as `events$` and as `on`/`off` listeners: what the connection reports
 * (`connected`, `disconnected`, `reconnecting`, `reconnectFailed`) and every error that belongs
 * to no caller (`error`: frames no request can take, listeners and callbacks that threw). One
 * channel, so no part of the client reports through another.
 */
export class EventChannel {
  private readonly subject = new Subject<ConnectionEvent>();
  private readonly listeners = new EventListeners((error) => this.report(error));

  /** Every event, as `on()` listeners receive them. */
  readonly events$: Observable<ConnectionEvent> = this.subject.asObservable();

  on<E extends ConnectionEventName>(event: E, listener: (...args: ConnectionEventMap[E]) => void): void {
    this.listeners.on(event, listener);
  }

  off<E extends ConnectionEventName>(event: E, listener: (...args: ConnectionEventMap[E]) => void): void {
    this.listeners.off(event, listener);
  }

  emit<E extends ConnectionEventName>(event: E, ...args: ConnectionEventMap[E]): void {
    if (!this.subject.closed) {
      const payload = args[0];
      const value =
        event === 'reconnectFailed' || event === 'error' ? { type: event, error: payload } : { type: event, ...(payload as object | undefined) };
      this.subject.next(value as ConnectionEvent);
    }
    this.listeners.emit(event, ...args);
  }

  /** Reports an error on the `error` event (never thrown, never unhandled). */
  report(error: Error): void {
    this.emit('error', error);
  }

  /** Ends `events$` and forgets every listener. */
  close(): void {
    this.listeners.clear();
    this.subject.complete();
  }
}
