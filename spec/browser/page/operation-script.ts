import { firstValueFrom, map, toArray, type Observable } from 'rxjs';
import { type BaseClient, type RangeQueryOptions } from '../../../lib/client';
import { seenError } from './seen-error';

/** The operations of a client, each answered by a Promise: the Promise API itself, or the Observable API through `firstValueFrom`. */
interface Operations {
  get(key: string): Promise<{ value: unknown }>;
  set(key: string, value: unknown): Promise<unknown>;
  patch(key: string, value: unknown): Promise<unknown>;
  delete(key: string): Promise<unknown>;
  range(key: string, endKey: string, options: RangeQueryOptions): Promise<unknown>;
  atomicIncrement(key: string, increment: number): Promise<{ newValue: number }>;
}

const promiseForm = (client: BaseClient): Operations => ({
  get: (key) => client.get(key),
  set: (key, value) => client.set(key, value),
  patch: (key, value) => client.patch(key, value),
  delete: (key) => client.delete(key),
  range: (key, endKey, options) => client.range(key, endKey, options),
  atomicIncrement: (key, increment) => client.atomicIncrement(key, increment),
});

// Through an operator as users do, not only subscribed directly.
const identity = <T>(source: Observable<T>): Promise<T> => firstValueFrom(source.pipe(map((value) => value)));

const observableForm = (client: BaseClient): Operations => ({
  get: (key) => identity(client.get$(key)),
  set: (key, value) => identity(client.set$(key, value)),
  patch: (key, value) => identity(client.patch$(key, value)),
  delete: (key) => identity(client.delete$(key)),
  range: (key, endKey, options) => identity(client.range$(key, endKey, options)),
  atomicIncrement: (key, increment) => identity(client.atomicIncrement$(key, increment)),
});

/** Replies without their `messageId`, which depends on how many requests came before. */
function plain(reply: unknown): unknown {
  if (typeof reply !== 'object' || reply === null) return reply;
  const { messageId: _messageId, ...rest } = reply as Record<string, unknown>;
  return rest;
}

/**
 * Every operation once, in the Promise or the Observable form, under `prefix`: what each call
 * answered (replies, or errors as `SeenError`). The browser spec runs it in Chromium and in
 * Node and compares.
 */
export async function runOperationScript(client: BaseClient, form: 'promise' | 'observable', prefix: string): Promise<Record<string, unknown>> {
  const ops = form === 'promise' ? promiseForm(client) : observableForm(client);
  const user = `${prefix}user`;
  const results: Record<string, unknown> = {};
  results.set = plain(await ops.set(user, { name: 'Ada' }));
  results.get = plain(await ops.get(user));
  results.patch = plain(await ops.patch(user, { born: 1815 }));
  results.afterPatch = (await ops.get(user)).value;
  results.increment = plain(await ops.atomicIncrement(`${prefix}visits`, 5));
  results.decrement = (await ops.atomicIncrement(`${prefix}visits`, -2)).newValue;
  results.range = plain(await ops.range(prefix, `${prefix}~`, { limit: 10 }));
  results.firstOfRange = plain(await ops.range(prefix, `${prefix}~`, { limit: 1 }));
  results.scan = await firstValueFrom(client.scan$(prefix, `${prefix}~`, { pageSize: 1 }).pipe(toArray()));
  results.delete = plain(await ops.delete(user));
  results.getDeleted = await ops.get(user).catch(seenError);
  results.deleteMissing = await ops.delete(user).catch(seenError);
  results.emptyKey = await ops.set('', 'x').catch(seenError);
  return results;
}
