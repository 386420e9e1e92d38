/**
 * Jest globalSetup: one local HPKV server for the whole run, its address handed to the specs
 * through environment variables (workers inherit them). The pattern to copy into your own
 * project: `globalSetup: 'hpkv-global-setup.ts'` with `startLocalServer` from `hpkv-rx/server`.
 */
import { startLocalServer, type LocalServer } from '../../lib/server';

export default async function globalSetup(): Promise<void> {
  const server = await startLocalServer({ port: 0 });
  process.env.HPKV_BASE_URL = server.baseUrl;
  process.env.HPKV_API_KEY = server.apiKey;
  (globalThis as { __HPKV_SERVER__?: LocalServer }).__HPKV_SERVER__ = server;
}
