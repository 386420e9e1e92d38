/** How the client checks that an open connection is alive (`ConnectionConfig.heartbeat`). */
export interface HeartbeatConfig {
  /**
   * When nothing at all has arrived for this long, check the connection: a WebSocket ping in
   * Node; in browsers (which cannot send pings) a probe request, only with `probe: true`.
   * @default 15000
   */
  intervalMs?: number;
  /**
   * How long a check (a ping), or a request on the wire, may go unanswered with nothing at all
   * arriving before the socket is declared dead and the client reconnects.
   * @default 5000
   */
  timeoutMs?: number;
  /**
   * Browsers only: check an idle connection every `intervalMs` with a cheap request (a GET)
   * through the throttle. Off by default because every request counts against HPKV's rate limit.
   * @default false
   */
  probe?: boolean;
}
