import { type IncomingMessage, type ServerResponse } from 'node:http';

/** Methods and request headers a browser app needs for the REST routes and token minting. */
const ALLOW_METHODS = 'GET, POST, DELETE';
const ALLOW_HEADERS = 'content-type, x-api-key';

/**
 * Checks a `cors` setting: `*` or one origin (`scheme://host[:port]`, no path).
 * @returns why it is refused, or `undefined` when it is usable.
 */
export function checkCorsOrigin(origin: string): string | undefined {
  if (origin === '*') return undefined;
  let parsed: URL | undefined;
  try {
    parsed = new URL(origin);
  } catch {
    parsed = undefined;
  }
  if (parsed !== undefined && parsed.origin === origin) return undefined;
  return `cors must be "*" or an origin such as "http://localhost:4200" (scheme, host and port, no path), got ${JSON.stringify(origin)}`;
}

/**
 * Adds the CORS headers for `origin` to a response, and answers a preflight (`OPTIONS` with
 * `Access-Control-Request-Method`) with 204 at once.
 * @returns true when the request was a preflight and has been answered.
 */
export function applyCors(request: IncomingMessage, response: ServerResponse, origin: string): boolean {
  response.setHeader('access-control-allow-origin', origin);
  if (origin !== '*') response.setHeader('vary', 'Origin');
  if (request.method !== 'OPTIONS' || request.headers['access-control-request-method'] === undefined) return false;
  response.writeHead(204, {
    'access-control-allow-methods': ALLOW_METHODS,
    'access-control-allow-headers': ALLOW_HEADERS,
    'access-control-max-age': '600',
    'content-length': '0',
  });
  response.end();
  return true;
}
