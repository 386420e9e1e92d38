import { type LocalServer } from '../../lib/server';

/** Jest globalTeardown: stops the server `global-setup.ts` started. */
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __HPKV_SERVER__?: LocalServer }).__HPKV_SERVER__?.close();
}
