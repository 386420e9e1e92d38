import { connect } from 'node:net';

/** What a server answered on one raw TCP connection. */
export interface RawHttpAnswer {
  /** Status of the first response line, 0 when the server sent nothing. */
  status: number;
  /** Everything the server sent, as latin1 text (headers and bodies). */
  text: string;
}

/**
 * Sends `bytes` on a fresh TCP connection to 127.0.0.1:`port`, half-closes it, and resolves
 * with everything the server sent until it closed. For peers that speak broken HTTP on purpose.
 */
export function rawHttp(port: number, bytes: string | Buffer): Promise<RawHttpAnswer> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const done = (): void => {
      const text = Buffer.concat(chunks).toString('latin1');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: status === null ? 0 : Number(status[1]), text });
    };
    socket.on('data', (chunk) => chunks.push(chunk));
    // A reset is an answer too (the server refused the bytes): report what came before it.
    socket.on('error', () => undefined);
    socket.on('close', done);
    socket.end(bytes);
  });
}

/** The JSON body of the first response in `text`, parsed. */
export function jsonBody(text: string): unknown {
  const start = text.indexOf('\r\n\r\n');
  return JSON.parse(text.slice(start + 4).replace(/^[0-9a-f]+\r\n/, '').replace(/\r\n0\r\n\r\n$/, ''));
}
