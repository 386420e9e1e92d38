import { type Journal, type JournalWatcher } from './journal';
import { type ReplyValve, type WsConnection } from './ws-connection';

/**
 * Decides when WebSocket frames may leave. Frames wait while replies are paused (a test
 * fault) and, with a journal, while writes they may reveal are not on disk yet: a frame is
 * tagged with the journal position at the time it is sent and leaves once the journal is
 * durable up to there. A connection's frames leave in the order they were sent, so a held
 * reply is never overtaken by a later frame on its connection. Without a journal and unpaused,
 * `closed` stays false and sending costs one field read.
 */
export class OutboundGate implements ReplyValve, JournalWatcher {
  closed = false;
  private paused = false;
  private readonly waiting = new Set<WsConnection>();

  constructor(private readonly journal?: Journal) {
    journal?.watch(this);
  }

  get position(): number {
    return this.journal?.appended ?? 0;
  }

  holding(connection: WsConnection): void {
    this.waiting.add(connection);
  }

  /** A connection closed: nothing to release to it any more. */
  forget(connection: WsConnection): void {
    this.waiting.delete(connection);
  }

  /** Holds every frame until `resume()`. */
  pause(): void {
    this.paused = true;
    this.closed = true;
  }

  /** Lets out what is held (what the journal allows) and stops holding. */
  resume(): void {
    this.paused = false;
    this.open();
  }

  pending(): void {
    this.closed = true;
  }

  durable(): void {
    this.open();
  }

  failed(): void {
    // A frame waiting for a write that never reached the disk must not leave (it could
    // acknowledge it): its connection is cut, so its client knows the outcome is unknown.
    const durable = this.journal!.durable;
    for (const connection of this.waiting) {
      if (connection.heldUntil > durable) {
        this.waiting.delete(connection);
        connection.ws.terminate();
      }
    }
    this.open();
  }

  private open(): void {
    if (this.paused) return;
    const durable = this.journal?.durable ?? 0;
    this.closed = durable < this.position;
    for (const connection of this.waiting) if (connection.release(durable)) this.waiting.delete(connection);
  }
}
