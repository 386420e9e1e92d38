import { readFile } from 'node:fs/promises';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { consoleKeyVerdict } from './console-key-access';
import { parseRequestTarget } from './request-target';

/** Where the console lives on the server. */
export const CONSOLE_PATH = '/console/';

/** What the console route needs. */
export interface ConsoleRouteOptions {
  /** The built console: `index.html`, `console.js`, `console.css` (`npm run build:console`). */
  dir: string;
  apiKey: string;
  /** The interface the server listens on: the key endpoint answers only on a loopback bind. */
  bindHost: string;
}

/** Handles a request when it is the console's; false lets the next route have it. */
export type ConsoleRoute = (request: IncomingMessage, response: ServerResponse) => boolean;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** A plain file name: no folder, no dot-file, so nothing outside `dir` can be named. */
const FILE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

const HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // The console talks to this server only ('self' covers its ws:// in current browsers).
  'content-security-policy': "default-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'cache-control': 'no-cache',
};

const NOT_BUILT =
  'The hpkv-local console is not built. From a clone of hpkv-rx run `npm run build:console` ' +
  '(`npm run server` does it first), or start hpkv-local with --no-console.\n';

function send(response: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  response.writeHead(status, { ...HEADERS, 'content-type': type, 'content-length': Buffer.byteLength(body), ...extra });
  response.end(response.req.method === 'HEAD' ? undefined : body);
}

function json(response: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(body), extra);
}

/**
 * The web console: its static files under `/console/`, `/` redirecting there, and
 * `/console/api-key`, which hands the API key to the page only when `consoleKeyVerdict` allows
 * (loopback on both ends, same origin); otherwise the page asks the user for it. The server
 * only serves the console's files: it imports none of its code.
 */
export function consoleRoute(options: ConsoleRouteOptions): ConsoleRoute {
  return (request, response) => {
    // A target that is not a URL is not the console's: the REST routes answer it with 400.
    const path = parseRequestTarget(request.url)?.pathname;
    if (path === undefined) return false;
    if (path !== '/' && path !== '/console' && !path.startsWith(CONSOLE_PATH)) return false;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      json(response, 405, { error: `The console answers GET only, not ${request.method}` }, { allow: 'GET, HEAD' });
      return true;
    }
    if (path === '/' || path === '/console') {
      response.writeHead(302, { location: CONSOLE_PATH, 'content-length': 0 });
      response.end();
      return true;
    }
    const name = path.slice(CONSOLE_PATH.length) || 'index.html';
    if (name === 'api-key') {
      const verdict = consoleKeyVerdict({
        bindHost: options.bindHost,
        remoteAddress: request.socket.remoteAddress,
        host: request.headers.host,
        origin: request.headers.origin,
        fetchSite: request.headers['sec-fetch-site'] as string | undefined,
      });
      if (verdict.ok) json(response, 200, { apiKey: options.apiKey }, { 'cache-control': 'no-store' });
      else json(response, 403, { error: verdict.reason }, { 'cache-control': 'no-store' });
      return true;
    }
    void serveFile(response, options.dir, name);
    return true;
  };
}

async function serveFile(response: ServerResponse, dir: string, name: string): Promise<void> {
  const type = CONTENT_TYPES[extname(name)];
  if (!FILE_NAME.test(name) || type === undefined) return json(response, 404, { error: `No console file ${JSON.stringify(name)}` });
  try {
    send(response, 200, type, await readFile(join(dir, name)));
  } catch {
    if (name === 'index.html') send(response, 503, 'text/plain; charset=utf-8', NOT_BUILT);
    else json(response, 404, { error: `No console file ${JSON.stringify(name)}` });
  }
}
