import { filter, firstValueFrom } from 'rxjs';
import { type BaseClient, type ConnectionEvent } from '../../lib/client';

/** The client's next event of this type. */
export function nextEvent<T extends ConnectionEvent['type']>(client: BaseClient, type: T): Promise<Extract<ConnectionEvent, { type: T }>> {
  return firstValueFrom(client.events$.pipe(filter((event): event is Extract<ConnectionEvent, { type: T }> => event.type === type)));
}

/**
 * `promise`, or a rejection naming `what` once `ms` have passed: bounds a wait on an event
 * that would otherwise never come (the timer is cleared as soon as the promise settles).
 */
export async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
