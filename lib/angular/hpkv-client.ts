import { type HPKVApiClient, type HPKVSubscriptionClient } from 'hpkv-rx';
import { type OwnedMember } from './client-members';

/** Either client the factory may create. */
export type AnyHpkvClient = HPKVApiClient | HPKVSubscriptionClient;

/**
 * The client as `inject()` returns it: every member of `C` with the same signature, made
 * zone-correct, except `destroy()`, which belongs to the injector that created it.
 */
export type HpkvClient<C extends AnyHpkvClient = HPKVSubscriptionClient> = Omit<C, OwnedMember>;
