import { TestScheduler } from 'rxjs/testing';
import { HPKVOperation } from '../../../lib/protocol';
import { ConnectionError, HPKVError, ProtocolError, TimeoutError } from '../../../lib/client/errors';
import { pipelineHarness } from '../../support/pipeline-harness';

const GET = { op: HPKVOperation.GET, key: 'k' };
const SET = { op: HPKVOperation.SET, key: 'k', value: 'v' };

// The multiplexer, the outbox and the deadlines, composed by the pipeline, on a scripted link.
describe('RequestPipeline', () => {
  let scheduler: TestScheduler;
  let sent: string[];
  let errors: Error[];
  let notifications: unknown[];
  let mux: ReturnType<typeof pipelineHarness>;

  beforeEach(() => {
    scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
    mux = pipelineHarness(scheduler);
    ({ sent, errors, notifications } = mux);
  });

  const open = (): void => mux.open();
  const idOf = (index: number): number => mux.idOf(index);

  it('sends on subscribe and completes with the reply matched by messageId', () => {
    scheduler.run(({ expectObservable, cold }) => {
      open();
      const reply = { code: 200, key: 'k', value: 'v', messageId: 1 };
      cold('-a').subscribe(() => mux.dispatch(JSON.stringify(reply)));
      expectObservable(mux.request$(GET, 1000)).toBe('-(r|)', { r: reply });
    });
    expect(sent).toEqual(['{"op":1,"key":"k","messageId":1}']);
  });

  it('errors with HPKVError carrying the code of an error reply', () => {
    scheduler.run(({ expectObservable, cold }) => {
      open();
      cold('--a').subscribe(() => mux.dispatch('{"code":404,"error":"Record not found","messageId":1}'));
      expectObservable(mux.request$(GET, 1000)).toBe('--#', undefined, new HPKVError('Record not found', 404));
    });
  });

  it('times out through the scheduler', () => {
    scheduler.run(({ expectObservable }) => {
      open();
      expectObservable(mux.request$(GET, 100)).toBe('100ms #', undefined, new TimeoutError("GET 'k' got no reply within 100 ms"));
    });
    expect(mux.size).toBe(0);
  });

  it('times out a request still queued for the connection, and never sends it', () => {
    scheduler.run(({ expectObservable, cold }) => {
      mux.waiting();
      cold('----a').subscribe(() => open());
      expectObservable(mux.request$(GET, 3)).toBe(
        '---#',
        undefined,
        new TimeoutError("GET 'k' got no reply within 3 ms (it was still waiting for the connection)"),
      );
    });
    expect(sent).toEqual([]);
  });

  it('sends queued requests in order once open', () => {
    mux.waiting();
    mux.request$(GET, 1000).subscribe();
    mux.request$(SET, 1000).subscribe();
    expect(sent).toEqual([]);
    open();
    expect(sent.map((frame) => (JSON.parse(frame) as { op: number }).op)).toEqual([1, 2]);
  });

  it('fails at once when the queue is full, or when closed', () => {
    mux.waiting();
    mux.request$(GET, 1000).subscribe();
    mux.request$(GET, 1000).subscribe();
    let full: unknown;
    mux.request$(GET, 1000).subscribe({ error: (error: unknown) => (full = error) });
    expect(full).toBeInstanceOf(ConnectionError);
    expect((full as Error).message).toMatch(/queue full \(2 waiting/);
    const fresh = pipelineHarness(scheduler, { maxQueuedRequests: 1 });
    let closed: unknown;
    fresh.request$(GET, 1000).subscribe({ error: (error: unknown) => (closed = error) });
    expect((closed as Error).message).toBe('Not connected (WebSocket is not open): call connect() first');
  });

  it('forgets a request unsubscribed before its reply, and ignores the late reply', () => {
    open();
    const values: unknown[] = [];
    const subscription = mux.request$(GET, 1000).subscribe((value) => values.push(value));
    subscription.unsubscribe();
    expect(mux.size).toBe(0);
    mux.dispatch(`{"code":200,"key":"k","value":"v","messageId":${idOf(0)}}`);
    expect(values).toEqual([]);
    expect(errors).toEqual([]); // a late reply is normal: nothing to report
  });

  it('attributes an error reply without messageId to the only request in flight', () => {
    open();
    let failure: unknown;
    mux.request$(GET, 1000).subscribe({ error: (error: unknown) => (failure = error) });
    mux.dispatch('{"code":400,"error":"frame is not valid JSON"}');
    expect(failure).toEqual(new HPKVError('frame is not valid JSON', 400));
  });

  it('never gives a success reply without messageId to the request in flight: it is a ProtocolError on onError', () => {
    open();
    const replies: unknown[] = [];
    const failures: unknown[] = [];
    mux.request$({ op: HPKVOperation.GET, key: 'a' }, 1000).subscribe({ next: (reply) => replies.push(reply), error: (error: unknown) => failures.push(error) });
    mux.dispatch('{"code":200,"key":"b","value":"the value of b"}');
    mux.dispatch('{"code":200,"success":true}');
    expect(replies).toEqual([]);
    expect(failures).toEqual([]);
    expect(errors).toHaveLength(2);
    for (const error of errors) {
      expect(error).toBeInstanceOf(ProtocolError);
      expect(error.message).toMatch(/success reply without messageId cannot be matched to a request/);
    }
    expect(mux.size).toBe(1);
  });

  it('never guesses for an error reply whose messageId is present but unusable', () => {
    open();
    const failures: unknown[] = [];
    mux.request$(GET, 1000).subscribe({ error: (error: unknown) => failures.push(error) });
    mux.dispatch('{"code":500,"error":"Internal server error","messageId":"1"}');
    expect(failures).toEqual([]);
    expect(errors).toEqual([new HPKVError('Unattributed error reply (no messageId): Internal server error', 500)]);
  });

  it.each([
    ['a success reply', { code: 200, key: 'b', value: 'the value of b' }],
    ['an error reply', { code: 404, error: 'Record not found', key: 'b' }],
  ])('fails a request with ProtocolError when %s for its messageId names another key', (_name, body) => {
    open();
    let failure: unknown;
    mux.request$({ op: HPKVOperation.GET, key: 'a' }, 1000).subscribe({ next: () => (failure = 'resolved'), error: (error: unknown) => (failure = error) });
    mux.dispatch(JSON.stringify({ ...body, messageId: idOf(0) }));
    expect(failure).toBeInstanceOf(ProtocolError);
    expect((failure as Error).message).toBe("GET 'a' got a reply for key 'b': the server misdirected it, so it was not used");
  });

  it('reports an unattributable error reply on onError when several are in flight', () => {
    open();
    mux.request$(GET, 1000).subscribe();
    mux.request$(GET, 1000).subscribe();
    mux.dispatch('{"code":400,"error":"frame is not valid JSON"}');
    expect(errors).toEqual([new HPKVError('Unattributed error reply (no messageId): frame is not valid JSON', 400)]);
    expect(mux.size).toBe(2);
  });

  it('gives a ProtocolError to the request whose reply is malformed, and reports garbage it cannot match', () => {
    open();
    let failure: unknown;
    mux.request$(GET, 1000).subscribe({ error: (error: unknown) => (failure = error) });
    mux.dispatch(`{"code":200,"key":5,"messageId":${idOf(0)}}`);
    expect(failure).toBeInstanceOf(ProtocolError);
    expect((failure as Error).message).toMatch(/malformed GET reply/);
    mux.dispatch('not json at all');
    mux.dispatch('{"hello":"world"}');
    expect(errors.map((error) => error.constructor.name)).toEqual(['ProtocolError', 'ProtocolError']);
  });

  it('passes notifications on', () => {
    open();
    mux.dispatch('{"type":"notification","key":"a","value":null,"timestamp":1}');
    expect(notifications).toEqual([{ type: 'notification', key: 'a', value: null, timestamp: 1 }]);
  });

  it('on a drop, re-sends reads after reconnect and fails writes as outcome-unknown', () => {
    open();
    const replies: unknown[] = [];
    let writeFailure: ConnectionError | undefined;
    mux.request$(GET, 1000).subscribe((reply) => replies.push(reply));
    mux.request$(SET, 1000).subscribe({ error: (error: ConnectionError) => (writeFailure = error) });
    const readFrame = sent[0];
    mux.waiting();
    expect(writeFailure).toBeInstanceOf(ConnectionError);
    expect(writeFailure!.outcomeUnknown).toBe(true);
    expect(writeFailure!.message).toMatch(/may or may not have been applied/);
    sent.length = 0;
    open();
    expect(sent).toEqual([readFrame]);
    mux.dispatch(`{"code":200,"key":"k","value":"v","messageId":${idOf(0)}}`);
    expect(replies).toHaveLength(1);
  });

  it('keeps a request the closing socket would not take: a write is re-sent after the reconnect, not outcome-unknown', () => {
    mux.open(() => false);
    const replies: unknown[] = [];
    const failures: Error[] = [];
    mux.request$(SET, 1000).subscribe({ next: (reply) => replies.push(reply), error: (error: Error) => failures.push(error) });
    expect(mux.size).toBe(1);
    mux.waiting();
    expect(failures).toEqual([]);
    open();
    expect(sent).toHaveLength(1);
    mux.dispatch(`{"code":200,"success":true,"message":"Record inserted/updated successfully","messageId":${idOf(0)}}`);
    expect(replies).toHaveLength(1);
    expect(failures).toEqual([]);
  });

  it('fails a request the closing socket would not take when the connection ends, without outcome-unknown', () => {
    mux.open(() => false);
    let failure: ConnectionError | undefined;
    mux.request$(SET, 1000).subscribe({ error: (error: ConnectionError) => (failure = error) });
    mux.closed(new Error('server gone'));
    expect(failure).toBeInstanceOf(ConnectionError);
    expect(failure!.outcomeUnknown).toBe(false);
    expect(mux.size).toBe(0);
  });

  it('when closed, fails everything pending and clears its timers', () => {
    scheduler.run(({ expectObservable }) => {
      open();
      const read$ = mux.request$(GET, 1000);
      const write$ = mux.request$(SET, 1000);
      scheduler.schedule(() => mux.closed(new Error('server gone')), 5);
      expectObservable(read$).toBe('-----#', undefined, new ConnectionError('server gone'));
      expectObservable(write$).toBe('-----#', undefined, new ConnectionError('server gone (the write may or may not have been applied)'));
    });
    expect(mux.size).toBe(0);
  });
});
