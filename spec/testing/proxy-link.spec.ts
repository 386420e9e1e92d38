import { type Socket } from 'node:net';
import { PassThrough } from 'node:stream';
import { ProxyLink, type LinkConditions } from '../../lib/testing/proxy-link';

/**
 * One direction of the proxy, driven by hand: the source's events are emitted directly, so the
 * order of arrivals and the delay each one gets are exact (over real sockets they are not).
 */
describe('ProxyLink', () => {
  let source: PassThrough;
  let sink: PassThrough & { resetAndDestroy?: () => void };
  let silent: boolean;
  let delays: number[];
  let link: ProxyLink;
  const written: string[] = [];

  beforeEach(() => {
    source = new PassThrough();
    sink = new PassThrough();
    sink.resetAndDestroy = () => {
      written.push('<RST>');
      sink.destroy();
    };
    sink.on('data', (chunk: Buffer) => written.push(chunk.toString()));
    sink.on('end', () => written.push('<FIN>'));
    written.length = 0;
    silent = false;
    delays = [];
    const conditions: LinkConditions = { silent: () => silent, delay: () => delays.shift() ?? 0 };
    link = new ProxyLink(source as unknown as Socket, sink as unknown as Socket, conditions);
  });
  afterEach(() => link.stop());

  const arrive = (text: string): boolean => source.emit('data', Buffer.from(text));
  const delivered = (count: number): Promise<void> =>
    new Promise((resolve) => {
      const check = (): void => {
        if (written.length < count) return;
        sink.off('data', check);
        resolve();
      };
      sink.on('data', check);
      check();
    });

  it('forwards at once without latency', () => {
    arrive('a');
    arrive('b');
    expect(source.isPaused()).toBe(false);
    return delivered(2).then(() => expect(written).toEqual(['a', 'b']));
  });

  it('never lets a shorter delay overtake a longer one', async () => {
    delays = [100, 0, 30];
    const started = performance.now();
    arrive('slow');
    arrive('fast');
    arrive('jittered');
    await delivered(3);
    expect(written).toEqual(['slow', 'fast', 'jittered']);
    expect(performance.now() - started).toBeGreaterThanOrEqual(100);
  });

  it('holds everything while silent, reads nothing, and delivers it in order once not silent', async () => {
    arrive('before');
    await delivered(1);
    silent = true;
    link.pump();
    expect(source.isPaused()).toBe(true);
    arrive('during');
    link.reset();
    link.pump();
    expect(written).toEqual(['before']);
    silent = false;
    link.pump();
    expect(source.isPaused()).toBe(false);
    expect(written).toEqual(['before', 'during', '<RST>']);
  });

  it('passes the source’s FIN on after the bytes sent before it', async () => {
    delays = [50];
    arrive('last words');
    source.emit('end');
    await new Promise((resolve) => sink.once('end', resolve));
    expect(written).toEqual(['last words', '<FIN>']);
  });

  it('drops what is queued and its timer on stop()', async () => {
    delays = [30];
    arrive('dropped');
    link.stop();
    arrive('after');
    await delivered(1);
    expect(written).toEqual(['after']);
  });
});
