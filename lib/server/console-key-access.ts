/** What the console's key endpoint knows about a request. */
export interface ConsoleKeyRequest {
  /** The interface the server listens on (`--host`). */
  bindHost: string;
  /** The peer's address, as the socket reports it. */
  remoteAddress: string | undefined;
  /** The `Host` header: the name the browser thinks it is talking to. */
  host: string | undefined;
  /** The `Origin` header, when the browser sent one. */
  origin: string | undefined;
  /** The `Sec-Fetch-Site` header, when the browser sent one. */
  fetchSite: string | undefined;
}

/** Whether the key endpoint may answer, and if not, why (shown to the user by the console). */
export type ConsoleKeyVerdict = { ok: true } | { ok: false; reason: string };

const LOOPBACK_IPV4 = /^127(?:\.\d{1,3}){3}$/;

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (`::ffff:127.0.0.1`), as Node reports peers. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const bare = address.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === '::1' || LOOPBACK_IPV4.test(bare) || (bare.startsWith('::ffff:') && LOOPBACK_IPV4.test(bare.slice(7)));
}

function isLoopbackName(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || isLoopbackAddress(hostname);
}

function hostnameOf(host: string): string | undefined {
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return undefined;
  }
}

/**
 * The console gets the API key without asking only when nobody but this machine can be on
 * either end: the server listens on loopback only, the request comes from loopback, the browser
 * addressed a loopback name (a DNS-rebinding page would send its own name in `Host`), and the
 * request is same-origin. Anything else: the console asks the user for the key.
 */
export function consoleKeyVerdict(request: ConsoleKeyRequest): ConsoleKeyVerdict {
  if (!isLoopbackName(request.bindHost)) {
    return { ok: false, reason: `hpkv-local listens on ${request.bindHost}, which other machines may reach: enter the API key` };
  }
  if (!isLoopbackAddress(request.remoteAddress)) return { ok: false, reason: 'the request does not come from this machine: enter the API key' };
  const hostname = request.host === undefined ? undefined : hostnameOf(request.host);
  if (hostname === undefined || !isLoopbackName(hostname)) {
    return { ok: false, reason: `the page was loaded as ${JSON.stringify(request.host ?? '')}, not a loopback name: enter the API key` };
  }
  if (request.origin !== undefined && request.origin !== `http://${request.host}`) {
    return { ok: false, reason: `cross-origin request from ${request.origin}: enter the API key` };
  }
  if (request.fetchSite !== undefined && request.fetchSite !== 'same-origin' && request.fetchSite !== 'none') {
    return { ok: false, reason: `${request.fetchSite} request: enter the API key` };
  }
  return { ok: true };
}
