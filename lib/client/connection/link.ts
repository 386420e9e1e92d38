/**
 * What the connection offers the request pipeline at a given moment: a way to put frames on
 * the wire, or the reason there is none. Published as a stream (`Connection.link$`) so the
 * outbox follows the connection without being called back.
 */
export type Link =
  /** Open: `send` writes one frame, or returns false when the socket can no longer take it (closing). */
  | { readonly kind: 'open'; send(frame: string): boolean }
  /** Connecting or reconnecting: requests wait. */
  | { readonly kind: 'waiting' }
  /** Not connected, and not trying: requests fail at once. `error` says why (none: never connected). */
  | { readonly kind: 'closed'; readonly error?: Error };
