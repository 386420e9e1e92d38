import { Subject, Subscriber } from 'rxjs';

/**
 * What an object graph holds on to: the observers of every `Subject` reachable from `root`, every
 * other open `Subscriber` it can reach, plus the entries of every reachable `Map` and `Set`
 * (caches, registries, pending requests).
 *
 * It walks own properties, arrays, maps and sets (not closures), without naming any field, so a
 * spec built on it keeps measuring the same thing when the client's internals are reorganised.
 * A stream that is torn down properly brings the count back to where it was.
 */
export function upstreamObservers(root: object, skip: (value: object) => boolean = () => false): number {
  let count = 0;
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null || seen.has(value) || skip(value)) continue;
    seen.add(value);
    if (value instanceof Subject) count += value.observers.length;
    // A subscriber held anywhere else (a hand-built fan-out's list, a registry) is held too, open or not.
    else if (value instanceof Subscriber) count++;
    if (value instanceof Map) {
      count += value.size;
      for (const [key, entry] of value) stack.push(key, entry);
    } else if (value instanceof Set) {
      count += value.size;
      for (const entry of value) stack.push(entry);
    } else if (Array.isArray(value)) {
      stack.push(...(value as unknown[]));
    } else {
      for (const key of Reflect.ownKeys(value)) {
        const descriptor = Object.getOwnPropertyDescriptor(value, key);
        if (descriptor !== undefined && 'value' in descriptor) stack.push(descriptor.value);
      }
    }
  }
  return count;
}
