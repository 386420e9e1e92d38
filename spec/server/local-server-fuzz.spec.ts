import WebSocket from 'ws';
import { extractMessageId } from '../../lib/protocol';
import { startLocalServer, type LocalServer } from '../../lib/server';
import { RawClient } from '../support/raw-client';
import { rawHttp } from '../support/raw-http';
import { SeededRandom } from '../support/seeded-random';

const SEED = 0x9e3779b9;
const FRAMES = 2400;
const ASCII = ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~';
const ODD_TEXT = `${ASCII}\u0000\u0001\n\r\t\u007f\u00e9\u2028\u{1f600}\ud800\udfff*^$`;

type Frame = { text: string } | { binary: Buffer };

/** The hostile frame kinds, each a generator drawing from the seeded source. */
function hostileFrame(random: SeededRandom, messageId: number): Frame {
  const id = (): unknown =>
    random.pick([messageId, messageId, -messageId, messageId + 0.5, 0, 1e300, '7', null, [messageId], { id: messageId }, true]);
  const anyValue = (): unknown =>
    random.pick([
      'v',
      '',
      random.string(random.int(0, 40), ODD_TEXT),
      random.int(-1e6, 1e6),
      1.5,
      Number.MAX_SAFE_INTEGER,
      -0,
      null,
      true,
      [],
      {},
      { a: { b: [1, 2] } },
      'x'.repeat(102_401),
      '{"a":'.repeat(5000) + '1' + '}'.repeat(5000),
    ]);
  const key = (): unknown =>
    random.pick([
      'k',
      `fuzz:${random.int(0, 50)}`,
      '',
      random.string(random.int(1, 30), ODD_TEXT),
      'k'.repeat(513),
      '\u{1f600}'.repeat(129),
      '*a*a*a*a*a*a*a*!',
      '^(a+)+$',
      '__proto__',
      'constructor',
      7,
      null,
      ['k'],
      { k: 1 },
    ]);
  const fields = (): Record<string, unknown> => {
    const frame: Record<string, unknown> = {
      op: random.pick([1, 2, 3, 4, 5, 6, 0, 7, -1, 1.5, '1', null, 1e308, [2], { op: 1 }]),
      key: key(),
    };
    if (random.next() < 0.7) frame.value = anyValue();
    if (random.next() < 0.4) frame.endKey = key();
    if (random.next() < 0.3) frame.limit = random.pick([1, 0, -5, 2.5, 5000, '10', null, 1e9]);
    if (random.next() < 0.9) frame.messageId = id();
    return frame;
  };
  switch (random.int(0, 9)) {
    case 0: // random printable and odd characters
      return { text: random.string(random.int(0, 200), ODD_TEXT) };
    case 1: // valid JSON cut short
      {
        const text = JSON.stringify(fields());
        return { text: text.slice(0, random.int(0, text.length - 1)) };
      }
    case 2: // JSON that is not an object
      return { text: random.pick(['[]', '[1,2]', '"frame"', '42', 'null', 'true', `[{"op":1,"key":"k","messageId":${messageId}}]`]) };
    case 3: // a frame too large to read
      return { text: `{"messageId":${messageId},"op":2,"key":"k","value":"${'v'.repeat(random.int(110_000, 200_000))}"}` };
    case 4: // a binary frame
      return { binary: random.next() < 0.5 ? random.bytes(random.int(0, 64)) : Buffer.from(JSON.stringify(fields())) };
    case 5: // a deeply nested frame
      return { text: `{"op":1,"key":"k","messageId":${messageId},"x":${'['.repeat(20_000)}${']'.repeat(20_000)}}` };
    case 6: // duplicated and prototype fields, ids JSON cannot echo
      return {
        text: random.pick([
          `{"__proto__":{"op":1},"op":1,"key":"k","messageId":${messageId},"messageId":"${messageId}"}`,
          `{"op":1,"key":"k","messageId":1e999}`,
          `{"op":1,"key":"k","messageId":${messageId},"constructor":{"prototype":{"polluted":true}}}`,
        ]),
      };
    default: // fields of any type
      return { text: JSON.stringify(fields()) };
  }
}

/** The `messageId` a reply must carry, by the protocol's rules, or `undefined` for none. */
function readableMessageId(frame: Frame): number | undefined {
  if ('binary' in frame) return undefined;
  if (frame.text.length > 106_496) return extractMessageId(frame.text);
  let data: unknown;
  try {
    data = JSON.parse(frame.text);
  } catch {
    return extractMessageId(frame.text);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const id = (data as { messageId?: unknown }).messageId;
  return typeof id === 'number' && Number.isFinite(id) ? id : undefined;
}

/**
 * Bounded, seeded fuzzing over real sockets: thousands of hostile frames and HTTP requests.
 * The server must stay up, answer every frame once, in order, with a typed reply that carries
 * the frame's messageId whenever one can be read, never a 500, and still serve normal requests.
 */
describe('startLocalServer under fuzzing', () => {
  let server: LocalServer;

  beforeEach(async () => {
    server = await startLocalServer({ port: 0 });
  });
  afterEach(() => server.close());

  it(`answers ${FRAMES} hostile WebSocket frames (seed ${SEED}) with typed replies and keeps serving`, async () => {
    const random = new SeededRandom(SEED);
    const frames = Array.from({ length: FRAMES }, (_, i) => hostileFrame(random, i + 1));
    const ws = new WebSocket(`${server.baseUrl.replace('http', 'ws')}/ws?apiKey=${server.apiKey}`);
    await new Promise((resolve) => ws.once('open', resolve));
    const replies: Record<string, unknown>[] = [];
    const all = new Promise<void>((resolve) =>
      ws.on('message', (data) => {
        replies.push(JSON.parse(data.toString()) as Record<string, unknown>);
        if (replies.length === FRAMES) resolve();
      }),
    );
    for (const frame of frames) {
      if ('binary' in frame) ws.send(frame.binary, { binary: true });
      else ws.send(frame.text);
    }
    await all;

    const wrong = frames.flatMap((frame, i) => {
      const reply = replies[i];
      const expectedId = readableMessageId(frame);
      const typed = typeof reply.code === 'number' && (reply.code === 200 || (typeof reply.error === 'string' && reply.error !== ''));
      const ok = typed && [200, 400, 403, 404].includes(reply.code as number) && reply.messageId === expectedId;
      return ok ? [] : [{ frame: 'binary' in frame ? '<binary>' : frame.text.slice(0, 120), reply }];
    });
    expect(wrong).toEqual([]);
    expect(new Set(replies.map((reply) => reply.code))).toEqual(new Set([200, 400, 404]));

    const fresh = await RawClient.open(server.baseUrl, { apiKey: server.apiKey });
    expect(await fresh.request({ op: 2, key: 'after-fuzz', value: 'ok' })).toMatchObject({ code: 200 });
    ws.send(JSON.stringify({ op: 1, key: 'after-fuzz', messageId: 1 }));
    expect(await new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(data.toString()))))).toMatchObject({ code: 200, value: 'ok' });
    ws.close();
    await fresh.close();
  });

  it('closes a connection that sends invalid UTF-8 as text (1007) and keeps serving the others', async () => {
    const random = new SeededRandom(SEED + 1);
    for (let i = 0; i < 20; i++) {
      const ws = new WebSocket(`${server.baseUrl.replace('http', 'ws')}/ws?apiKey=${server.apiKey}`);
      await new Promise((resolve) => ws.once('open', resolve));
      const closed = new Promise<number>((resolve) => ws.once('close', resolve));
      ws.send(Buffer.concat([Buffer.from([0xff, 0xfe, 0xc0]), random.bytes(random.int(0, 32))]), { binary: false });
      expect(await closed).toBe(1007);
    }
    const fresh = await RawClient.open(server.baseUrl, { apiKey: server.apiKey });
    expect(await fresh.request({ op: 1, key: 'nothing' })).toMatchObject({ code: 404 });
    await fresh.close();
  });

  it('answers 300 random HTTP requests (seed-driven) without a 500 and keeps serving', async () => {
    const random = new SeededRandom(SEED + 2);
    const targetPieces = ['/', '//', '[', ']', '%', '%zz', '%E0%A4', '%00', '/record/', '/record/atomic', '/records', '/ws', '/token/websocket', '/ping', '?', '#', '@', ':', 'http://', 'http://[', '..', '\\', '*', '?startKey=a', '&endKey=', '&limit=x', '?apiKey=local-dev-key', '?token=a.b'];
    const methods = ['GET', 'POST', 'DELETE', 'PUT', 'OPTIONS', 'HEAD', 'PATCH', 'get', 'G E T', 'CONNECT', ''];
    const statuses: number[] = [];
    for (let i = 0; i < 300; i++) {
      let target = '';
      for (let n = random.int(1, 5); n > 0; n--) target += random.next() < 0.8 ? random.pick(targetPieces) : random.string(random.int(1, 6), ASCII.replace(' ', ''));
      const body = random.pick(['', '{}', '{"key":"k","value":"v"}', '{"key":"k","increment":1}', '{"subscribePatterns":["^(a)\\\\1$"]}', '{"key":', random.string(random.int(0, 100), ODD_TEXT)]);
      const headers = [`Host: x`];
      if (random.next() < 0.7) headers.push(`x-api-key: ${random.pick([server.apiKey, 'wrong', ''])}`);
      if (random.next() < 0.6) headers.push(`Content-Length: ${random.pick([String(Buffer.byteLength(body)), '0', '5', '100000', '-1', 'x'])}`);
      if (random.next() < 0.2) headers.push(random.pick(['Transfer-Encoding: chunked', 'Transfer-Encoding: gzip', 'Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', 'Origin: http://localhost:4200', 'Expect: 100-continue']));
      if (random.next() < 0.1) headers.push(random.string(random.int(1, 20), ODD_TEXT));
      const request = `${random.pick(methods)} ${target} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n${body}`;
      statuses.push((await rawHttp(server.port, request)).status);
    }
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    expect(new Set(statuses).size).toBeGreaterThan(4);
    expect((await rawHttp(server.port, 'GET /ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).status).toBe(200);
  });
});
