/** The credential a WebSocket URL carries. */
export type Credential = { apiKey: string } | { token: string };

/**
 * The WebSocket URL for a base URL, as the official SDK builds it (`http→ws`, `https→wss`,
 * `/ws` appended unless present) but robust: a trailing slash or an existing query is kept
 * correct, and the credential is URL-encoded (the official SDK sends it raw).
 */
export function webSocketUrl(baseUrl: string, credential: Credential): string {
  const trimmed = baseUrl.trim();
  const queryAt = trimmed.indexOf('?');
  let path = queryAt === -1 ? trimmed : trimmed.slice(0, queryAt);
  const query = queryAt === -1 ? '' : trimmed.slice(queryAt + 1);
  path = path.replace(/^http(s?):\/\//i, 'ws$1://').replace(/\/+$/, '');
  if (!/^wss?:\/\//i.test(path)) path = `wss://${path}`;
  if (!path.endsWith('/ws')) path += '/ws';
  const param = 'apiKey' in credential ? `apiKey=${encodeURIComponent(credential.apiKey)}` : `token=${encodeURIComponent(credential.token)}`;
  return `${path}?${query === '' ? '' : `${query}&`}${param}`;
}
