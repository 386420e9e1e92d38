import { type SchedulerLike } from 'rxjs';
import { type WebSocketLike } from '../client/connection/web-socket-like';
import { authenticateUpgrade, type Engine, type Session, type TokenIssuer } from '../server';

/** What a memory socket needs from its backend. */
export interface MemoryServer {
  readonly engine: Engine;
  readonly tokens: TokenIssuer;
  readonly apiKey: string;
  readonly scheduler: SchedulerLike;
  /** Delay of each hop (client → engine, engine → client) in scheduler time. */
  readonly latency: number;
  readonly sockets: Set<MemoryWebSocket>;
}

/**
 * A WebSocket with no network: frames go to the `lib/server` engine and replies and
 * notifications come back, each hop scheduled on the backend's scheduler, so a whole pipeline
 * runs in virtual time inside `TestScheduler.run()`.
 */
export class MemoryWebSocket implements WebSocketLike {
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string; wasClean?: boolean }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  private session: Session | undefined;

  constructor(
    url: string,
    private readonly server: MemoryServer,
  ) {
    const auth = authenticateUpgrade(new URL(url), server.apiKey, server.tokens);
    server.scheduler.schedule(() => {
      if (this.readyState !== 0) return;
      if (!auth.ok) {
        this.readyState = 3;
        this.onerror?.({ message: `Unexpected server response: ${auth.status}` });
        this.onclose?.({ code: 1006, reason: '', wasClean: false });
        return;
      }
      this.readyState = 1;
      this.session = {
        subscriptions: auth.subscriptions,
        access: auth.access,
        send: (frame) => this.deliver(frame),
      };
      server.engine.attach(this.session);
      server.sockets.add(this);
      this.onopen?.({});
    });
  }

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('MemoryWebSocket is not open');
    const session = this.session!;
    this.server.scheduler.schedule(() => {
      if (this.readyState === 1) this.server.engine.handleFrame(data, session);
    }, this.server.latency);
  }

  close(code = 1000, reason = ''): void {
    this.end(code, reason, true);
  }

  /** The server side cuts the connection (a drop, as `dropConnections()`). */
  drop(): void {
    this.end(1006, '', false);
  }

  private deliver(frame: string): void {
    this.server.scheduler.schedule(() => {
      if (this.readyState === 1) this.onmessage?.({ data: frame });
    }, this.server.latency);
  }

  private end(code: number, reason: string, wasClean: boolean): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    if (this.session !== undefined) this.server.engine.detach(this.session);
    this.server.sockets.delete(this);
    this.server.scheduler.schedule(() => this.onclose?.({ code, reason, wasClean }));
  }
}
