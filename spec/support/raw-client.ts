import WebSocket from 'ws';

/** A bare `ws` client for server specs: send frames, await replies and notifications. */
export class RawClient {
  private readonly frames: Record<string, unknown>[] = [];
  private readonly waiters: { match: (frame: Record<string, unknown>) => boolean; resolve: (frame: Record<string, unknown>) => void }[] = [];
  private nextId = 1;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Record<string, unknown>;
      const index = this.waiters.findIndex((waiter) => waiter.match(frame));
      if (index >= 0) this.waiters.splice(index, 1)[0].resolve(frame);
      else this.frames.push(frame);
    });
  }

  /** Opens `/ws?apiKey=` or `/ws?token=` on a `http://` base URL. */
  static open(baseUrl: string, credential: { apiKey: string } | { token: string }): Promise<RawClient> {
    const query = 'apiKey' in credential ? `apiKey=${encodeURIComponent(credential.apiKey)}` : `token=${encodeURIComponent(credential.token)}`;
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws?${query}`);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new RawClient(ws)));
      ws.once('error', reject);
    });
  }

  /** The HTTP status a refused upgrade answered with. */
  static refusal(url: string): Promise<number> {
    const ws = new WebSocket(url);
    return new Promise((resolve, reject) => {
      ws.once('unexpected-response', (_request, response) => {
        resolve(response.statusCode ?? 0);
        ws.terminate();
      });
      ws.once('open', () => {
        ws.close();
        reject(new Error(`upgrade to ${url} was accepted`));
      });
      ws.once('error', () => undefined);
    });
  }

  /** Sends a request with a fresh `messageId` and resolves with its reply. */
  request(fields: Record<string, unknown>): Promise<Record<string, unknown>> {
    const messageId = this.nextId++;
    this.ws.send(JSON.stringify({ ...fields, messageId }));
    return this.next((frame) => frame.messageId === messageId);
  }

  /** Sends raw text and resolves with the next frame that is not a notification. */
  sendRaw(text: string): Promise<Record<string, unknown>> {
    this.ws.send(text);
    return this.next((frame) => frame.type !== 'notification');
  }

  /** Resolves with the next frame matching `match` (buffered ones first). */
  next(match: (frame: Record<string, unknown>) => boolean = () => true): Promise<Record<string, unknown>> {
    const index = this.frames.findIndex(match);
    if (index >= 0) return Promise.resolve(this.frames.splice(index, 1)[0]);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  /** Resolves with the next `count` notifications. */
  async notifications(count: number): Promise<Record<string, unknown>[]> {
    const result: Record<string, unknown>[] = [];
    while (result.length < count) result.push(await this.next((frame) => frame.type === 'notification'));
    return result;
  }

  /** Frames received and not yet taken by `next`. */
  get buffered(): readonly Record<string, unknown>[] {
    return this.frames;
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}
