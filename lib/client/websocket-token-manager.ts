import { defer, firstValueFrom, type Observable } from 'rxjs';
import { parseBaseUrl } from './base-url';
import { AuthenticationError, ConnectionError, HPKVError, ProtocolError } from './errors';

/** What a subscription token allows, as `POST /token/websocket` takes it. */
export interface HPKVTokenConfig {
  /** Key patterns the token is notified about: exact keys, `*` globs, `^regex` (SDK 1.4 name). */
  subscribePatterns?: string[];
  /** Same as `subscribePatterns` (the SDK ≤ 1.2 name); the server uses the union of both. */
  subscribeKeys?: string[];
  /** Regular expression every key the connection touches must match. */
  accessPattern?: string;
}

/** Options for `WebsocketTokenManager` beyond the official SDK's. */
export interface TokenManagerOptions {
  /** The `fetch` to use (tests, proxies, old runtimes). @default globalThis.fetch */
  fetch?: typeof fetch;
}

/**
 * Generates subscription tokens with an API key, as the official `WebsocketTokenManager`.
 * Unlike it, a `http://` base stays `http://` (so local servers work), `ws(s)://` bases are
 * mapped to `http(s)://`, and every failure is a typed error saying what to do.
 * Keep API keys on servers: generate tokens there and hand them to browsers.
 */
export class WebsocketTokenManager {
  private readonly endpoint: string;
  private readonly fetchFn: typeof fetch;

  constructor(
    private readonly apiKey: string,
    baseUrl: string,
    options: TokenManagerOptions = {},
  ) {
    this.endpoint = `${toHttpBase(baseUrl)}/token/websocket`;
    this.fetchFn = options.fetch ?? ((...args) => globalThis.fetch(...args));
  }

  /** Resolves with a token for `createSubscriptionClient`. */
  generateToken(config: HPKVTokenConfig): Promise<string> {
    return firstValueFrom(this.generateToken$(config));
  }

  /** Observable form: each subscription makes one request and emits one token. */
  generateToken$(config: HPKVTokenConfig): Observable<string> {
    return defer(async () => {
      let response: Response;
      try {
        response = await this.fetchFn(this.endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': this.apiKey },
          body: JSON.stringify(config),
        });
      } catch (cause) {
        throw new ConnectionError(`Failed to generate token: no response from ${this.endpoint}. Check the base URL and the network.`, { cause });
      }
      const text = await response.text();
      if (!response.ok) throw tokenError(response.status, response.statusText, text);
      let token: unknown;
      try {
        token = (JSON.parse(text) as { token?: unknown }).token;
      } catch {
        token = undefined;
      }
      if (typeof token !== 'string' || token === '') {
        throw new ProtocolError('Failed to generate token: the response has no "token" string', text.slice(0, 200));
      }
      return token;
    });
  }
}

/** `ws://h/ws/` → `http://h`: the token endpoint lives on the HTTP side of the same host. */
export function toHttpBase(baseUrl: string): string {
  const { secure, authority, path } = parseBaseUrl(baseUrl);
  return `${secure ? 'https' : 'http'}://${authority}${path}`;
}

function tokenError(status: number, statusText: string, body: string): HPKVError {
  let detail = statusText;
  try {
    const parsed = JSON.parse(body) as { error?: unknown; message?: unknown };
    const text = parsed.error ?? parsed.message;
    if (typeof text === 'string') detail = text;
  } catch {
    // not JSON: keep the status text
  }
  const message = `Failed to generate token: ${status} ${detail}`;
  if (status === 401 || status === 403) return new AuthenticationError(`${message}. Check the API key.`, status);
  if (status === 400) return new HPKVError(`${message}. Check the token config (patterns must be valid).`, 400);
  return new HPKVError(message, status);
}
