import { BehaviorSubject, Subject, type Observable, type SchedulerLike } from 'rxjs';
import { resolveConnectionConfig, type ConnectionConfig } from '../../lib/client/config';
import { type Link } from '../../lib/client/connection/link';
import { RequestPipeline } from '../../lib/client/requests/request-pipeline';
import { type HPKVNotificationResponse, type HPKVOperation } from '../../lib/protocol';

/** A request as the specs write it. */
export interface SpecRequest {
  op: HPKVOperation;
  key: string;
  value?: string | number;
  endKey?: string;
  limit?: number;
}

/**
 * The request pipeline on a scripted connection: the spec opens, drops and closes the link,
 * feeds frames, and reads what was sent.
 */
export function pipelineHarness(scheduler: SchedulerLike, config: ConnectionConfig = {}) {
  const link$ = new BehaviorSubject<Link>({ kind: 'closed' });
  const frames$ = new Subject<string>();
  const errors: Error[] = [];
  const notifications: HPKVNotificationResponse[] = [];
  const sent: string[] = [];
  const pipeline = new RequestPipeline(
    resolveConnectionConfig({ scheduler, maxQueuedRequests: 2, throttling: { enabled: false }, ...config }),
    { link$, frames$ },
    (error) => errors.push(error),
  );
  pipeline.multiplexer.notifications.stream$.subscribe((notification) => notifications.push(notification));
  return {
    pipeline,
    errors,
    notifications,
    /** Frames written to the link, in order. */
    sent,
    /** The link opens; `send` defaults to recording into `sent`. */
    open(send: (frame: string) => boolean = (frame) => sent.push(frame) > 0): void {
      link$.next({ kind: 'open', send });
    },
    /** Connecting (or, after open, dropped and reconnecting). */
    waiting(): void {
      link$.next({ kind: 'waiting' });
    },
    /** The connection ended for good. */
    closed(error: Error): void {
      link$.next({ kind: 'closed', error });
    },
    dispatch(text: string): void {
      frames$.next(text);
    },
    request$(request: SpecRequest, timeoutMs?: number): Observable<Record<string, unknown>> {
      return pipeline.observable(request.op, request.key, request.value, request.endKey, request.limit, timeoutMs) as unknown as Observable<Record<string, unknown>>;
    },
    /** `messageId` of the `index`th frame sent. */
    idOf(index: number): number {
      return (JSON.parse(sent[index]) as { messageId: number }).messageId;
    },
    get size(): number {
      return pipeline.size;
    },
  };
}
