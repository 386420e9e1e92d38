import { HPKVError } from './errors';

/** The credential a WebSocket URL carries. */
export type Credential = { apiKey: string } | { token: string };

/** A base URL taken apart, checked: both the WebSocket URL and the token endpoint are built from it. */
export interface BaseUrl {
  /** `https:`/`wss:` (TLS) rather than `http:`/`ws:`. */
  secure: boolean;
  /** `user:pass@host:port`, as given. */
  authority: string;
  /** Without trailing slashes or a trailing `/ws`; '' for the root. */
  path: string;
  /** Without its `?`; '' when none. */
  query: string;
}

const SCHEME = /^[a-z][a-z\d+.-]*:\/\//i;
const ACCEPTED = new Set(['http:', 'https:', 'ws:', 'wss:']);

/**
 * Parses a base URL with `URL`. `http(s)://` and `ws(s)://` are accepted; a bare host
 * (`api-eu-1.hpkv.io`) is taken as `https://` (the official SDK builds an unusable URL from it
 * and fails at connect()).
 * @throws HPKVError (code 400) saying what is wrong, so a bad URL fails at construction.
 */
export function parseBaseUrl(baseUrl: string): BaseUrl {
  if (typeof baseUrl !== 'string' || baseUrl.trim() === '') {
    throw new HPKVError(`Invalid base URL ${JSON.stringify(baseUrl) ?? String(baseUrl)}: expected a URL such as 'https://api-eu-1.hpkv.io'`, 400);
  }
  const text = baseUrl.trim();
  let url: URL;
  try {
    url = new URL(SCHEME.test(text) ? text : `https://${text}`);
  } catch {
    throw new HPKVError(`Invalid base URL '${text}': it cannot be parsed as a URL (expected e.g. 'https://api-eu-1.hpkv.io')`, 400);
  }
  if (!ACCEPTED.has(url.protocol)) {
    throw new HPKVError(`Invalid base URL '${text}': the scheme must be http, https, ws or wss, not '${url.protocol.slice(0, -1)}'`, 400);
  }
  const credentials = url.username === '' ? '' : `${url.username}${url.password === '' ? '' : `:${url.password}`}@`;
  return {
    secure: url.protocol === 'https:' || url.protocol === 'wss:',
    authority: `${credentials}${url.host}`,
    path: url.pathname.replace(/\/+$/, '').replace(/\/ws$/, ''),
    query: url.search.slice(1),
  };
}

/**
 * The WebSocket URL for a base URL, as the official SDK builds it (`http→ws`, `https→wss`,
 * `/ws` appended unless present) but robust: a trailing slash or an existing query is kept
 * correct, and the credential is URL-encoded (the official SDK sends it raw).
 */
export function webSocketUrl(baseUrl: string | BaseUrl, credential: Credential): string {
  const { secure, authority, path, query } = typeof baseUrl === 'object' && baseUrl !== null ? baseUrl : parseBaseUrl(baseUrl);
  const param = 'apiKey' in credential ? `apiKey=${encodeURIComponent(credential.apiKey)}` : `token=${encodeURIComponent(credential.token)}`;
  return `${secure ? 'wss' : 'ws'}://${authority}${path}/ws?${query === '' ? '' : `${query}&`}${param}`;
}
