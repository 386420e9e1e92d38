/** The credential a WebSocket URL carries. */
export type Credential = { apiKey: string } | { token: string };

/**
 * A base URL taken apart: `base` without query, trailing slashes or a trailing `/ws`; `query`
 * without its `?`. Both the WebSocket URL and the token endpoint are built from it.
 */
export function parseBaseUrl(baseUrl: string): { base: string; query: string } {
  const trimmed = baseUrl.trim();
  const queryAt = trimmed.indexOf('?');
  const path = queryAt === -1 ? trimmed : trimmed.slice(0, queryAt);
  const query = queryAt === -1 ? '' : trimmed.slice(queryAt + 1);
  return { base: path.replace(/\/+$/, '').replace(/\/ws$/, ''), query };
}

/**
 * The WebSocket URL for a base URL, as the official SDK builds it (`http→ws`, `https→wss`,
 * `/ws` appended unless present) but robust: a trailing slash or an existing query is kept
 * correct, and the credential is URL-encoded (the official SDK sends it raw).
 */
export function webSocketUrl(baseUrl: string, credential: Credential): string {
  const { base, query } = parseBaseUrl(baseUrl);
  let path = base.replace(/^http(s?):\/\//i, 'ws$1://');
  if (!/^wss?:\/\//i.test(path)) path = `wss://${path}`;
  path += '/ws';
  const param = 'apiKey' in credential ? `apiKey=${encodeURIComponent(credential.apiKey)}` : `token=${encodeURIComponent(credential.token)}`;
  return `${path}?${query === '' ? '' : `${query}&`}${param}`;
}
