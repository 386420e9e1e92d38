import { type LocalServer } from '../../../lib/server';

/**
 * Sets a key through hpkv-local's REST API: a writer for the moments every WebSocket is
 * dropped and upgrades are refused. Resolves with the HTTP status.
 */
export async function writeOverRest(server: LocalServer, key: string, value: string): Promise<number> {
  const response = await fetch(`${server.baseUrl}/record`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': server.apiKey },
    body: JSON.stringify({ key, value }),
  });
  await response.arrayBuffer();
  return response.status;
}
