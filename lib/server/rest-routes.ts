import { type IncomingMessage, type ServerResponse } from 'node:http';
import { HPKVOperation, Status, describeIssues, requestSchemaByOp, type ValidRequest } from '../protocol';
import { type Engine, MAX_FRAME_CHARS, type ReplyBody } from './engine';
import { BodyError, readJsonBody } from './read-body';
import { parseTokenRequest } from './token-request';
import { type TokenIssuer } from './token-issuer';

/** What the HTTP routes need from the server. */
export interface RestContext {
  engine: Engine;
  tokens: TokenIssuer;
  apiKey: string;
  /** With `--data`: resolves once every write so far is on disk, so no reply shows one that is not. */
  durable?: () => Promise<void>;
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/** Validates a REST body through the same schema as a WebSocket frame of that op. */
function toRequest(fields: Record<string, unknown>): { ok: true; request: ValidRequest } | { ok: false; error: string } {
  const schema = requestSchemaByOp[fields.op as keyof typeof requestSchemaByOp];
  const result = schema.safeParse(fields);
  return result.success ? { ok: true, request: result.data } : { ok: false, error: describeIssues(result.error) };
}

function stringValue(value: unknown): unknown {
  // As the SDKs do: non-string values are stored as their JSON text.
  return typeof value === 'string' || value === undefined ? value : JSON.stringify(value);
}

function fromBody(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

/**
 * HPKV's REST API beside the WebSocket, on the same engine, so REST writes notify WebSocket
 * subscribers. Errors are `{ error }` with the HTTP status of the protocol code.
 */
export async function handleRest(request: IncomingMessage, response: ServerResponse, context: RestContext): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://local');
  const method = request.method ?? 'GET';
  const path = url.pathname.replace(/\/+$/, '') || '/';
  try {
    if (method === 'GET' && path === '/ping') return reply(response, 200, { status: 'ok' });
    if (request.headers['x-api-key'] !== context.apiKey) return reply(response, 401, { error: 'Invalid or missing x-api-key header' });

    if (method === 'POST' && path === '/token/websocket') {
      const parsed = parseTokenRequest(await readJsonBody(request, 64 * 1024));
      if (!parsed.ok) return reply(response, 400, { error: parsed.error });
      return reply(response, 200, { token: context.tokens.issue(parsed.request.patterns, parsed.request.accessPattern) });
    }

    let fields: Record<string, unknown> | undefined;
    if (method === 'POST' && path === '/record') {
      const body = fromBody(await readJsonBody(request, MAX_FRAME_CHARS * 4));
      const op = body.partialUpdate === true ? HPKVOperation.PATCH : HPKVOperation.SET;
      fields = { op, key: body.key, value: stringValue(body.value) };
    } else if (method === 'POST' && path === '/record/atomic') {
      const body = fromBody(await readJsonBody(request, 64 * 1024));
      fields = { op: HPKVOperation.ATOMIC, key: body.key, value: body.increment };
    } else if ((method === 'GET' || method === 'DELETE') && path.startsWith('/record/')) {
      const key = decodeURIComponent(path.slice('/record/'.length));
      fields = { op: method === 'GET' ? HPKVOperation.GET : HPKVOperation.DELETE, key };
    } else if (method === 'GET' && path === '/records') {
      const limit = url.searchParams.get('limit');
      fields = {
        op: HPKVOperation.RANGE,
        key: url.searchParams.get('startKey') ?? undefined,
        endKey: url.searchParams.get('endKey') ?? undefined,
        limit: limit === null ? undefined : Number(limit),
      };
    }
    if (fields === undefined) return reply(response, 404, { error: `No route for ${method} ${path}` });

    const valid = toRequest(fields);
    if (!valid.ok) return reply(response, 400, { error: valid.error });
    const [body, change] = context.engine.execute(valid.request, {});
    if (context.durable !== undefined) await context.durable();
    reply(response, body.code, restBody(valid.request.op, body));
    if (change !== undefined) context.engine.publish(change);
  } catch (error) {
    if (error instanceof BodyError) return reply(response, error.status, { error: error.message });
    reply(response, Status.INTERNAL, { error: 'Internal server error' });
  }
}

/** REST bodies drop the WebSocket `code` field; ATOMIC names its result `result`. */
function restBody(op: number, body: ReplyBody): unknown {
  const { code, ...rest } = body;
  if (code !== Status.OK) return { error: rest.error };
  if (op === HPKVOperation.ATOMIC) return { success: true, result: rest.newValue };
  return rest;
}
