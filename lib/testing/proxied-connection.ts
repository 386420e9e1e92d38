import { connect, type Socket } from 'node:net';
import { ProxyLink, resetSocket, type LinkConditions } from './proxy-link';

/** Where a proxy forwards to, and the network conditions it applies. */
export interface ProxyRoute {
  readonly host: string;
  readonly port: number;
  /** True while the whole network is blackholed. */
  blackholed(): boolean;
  /** Delay for a chunk arriving now, in ms. */
  delay(): number;
}

/**
 * One client connection and its upstream connection, joined by a link each way. The upstream
 * connection is opened at once, or on heal for a connection accepted during a blackhole (on a
 * dead path the server never sees it either).
 */
export class ProxiedConnection {
  /** Silent for good, whatever heal() does (a NAT that forgot the flow). */
  private stranded = false;
  private upstream: Socket | undefined;
  private links: ProxyLink[] = [];
  private openSockets = 1;
  private readonly conditions: LinkConditions;

  constructor(
    private readonly client: Socket,
    private readonly route: ProxyRoute,
    private readonly onClosed: (connection: ProxiedConnection) => void,
  ) {
    this.conditions = { silent: () => this.stranded || route.blackholed(), delay: () => route.delay() };
    client.setNoDelay(true);
    client.on('error', () => this.links[0]?.reset());
    client.once('close', () => this.closed());
  }

  /**
   * Re-reads the network conditions: opens the upstream connection once the path is not
   * blackholed, forwards what is due, or stops reading.
   */
  refresh(): void {
    if (this.upstream === undefined && !this.conditions.silent()) this.start();
    for (const link of this.links) link.pump();
  }

  /** Silent for good; never closed by the proxy until `cut()` or `close()`. */
  strand(): void {
    this.stranded = true;
    this.refresh();
  }

  private start(): void {
    if (this.client.destroyed) return;
    const upstream = connect({ host: this.route.host, port: this.route.port, allowHalfOpen: true, noDelay: true });
    this.upstream = upstream;
    this.openSockets++;
    this.links = [new ProxyLink(this.client, upstream, this.conditions), new ProxyLink(upstream, this.client, this.conditions)];
    // A refused or reset upstream resets the client, in order after what the server sent before.
    upstream.on('error', () => this.links[1].reset());
    upstream.once('close', () => this.closed());
  }

  /** Resets both sides now (RST), dropping whatever was queued. */
  cut(): void {
    for (const link of this.links) link.stop();
    resetSocket(this.client);
    if (this.upstream !== undefined) resetSocket(this.upstream);
  }

  /** Called on each socket's 'close': the connection is gone once every socket it opened is. */
  private closed(): void {
    this.openSockets--;
    if (this.openSockets === 0) this.onClosed(this);
  }
}
