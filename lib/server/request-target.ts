/**
 * The URL of an HTTP request target, or `undefined` when it cannot be read. An origin-form
 * target (`/path?query`) is appended to a fixed origin, so `//x` stays a path instead of
 * becoming a host; an absolute-form target (`http://host/path`, as proxies send) is parsed as
 * is. Never throws: a target the server cannot read is the client's error (400), not a crash.
 */
export function parseRequestTarget(target: string | undefined): URL | undefined {
  if (target === undefined) return undefined;
  try {
    return new URL(target.startsWith('/') ? `http://local${target}` : target);
  } catch {
    return undefined;
  }
}

/** Why a target was refused, for the 400 body. */
export function unreadableTarget(target: string | undefined): string {
  return `The request target ${JSON.stringify(target ?? '')} is not a valid URL path`;
}

/** The path without trailing slashes (a loop: `/\/+$/` backtracks quadratically on `////…x`). */
export function routePath(url: URL): string {
  const path = url.pathname;
  let end = path.length;
  while (end > 1 && path.charCodeAt(end - 1) === 0x2f) end--;
  return end === path.length ? path : path.slice(0, end);
}
