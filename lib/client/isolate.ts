import { ListenerError } from './errors';

/**
 * Calls user code (an event listener, a `subscribe()` callback) with `arg` so that a throw can
 * neither break delivery to the others nor escape as an uncaught error: it is handed to
 * `report` as a `ListenerError` naming `what` threw. (One argument, no closure: this runs for
 * every notification.)
 */
export function isolate<A>(call: (arg: A) => void, arg: A, what: string, report: (error: ListenerError) => void): void {
  try {
    call(arg);
  } catch (error) {
    report(new ListenerError(what, error));
  }
}
