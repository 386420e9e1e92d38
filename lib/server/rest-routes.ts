import { type IncomingMessage, type ServerResponse } from 'node:http';
import { HPKVOperation, Status, describeIssues, requestSchemaByOp, type ValidRequest } from '../protocol';
import { applyCors } from './cors';
import { type Engine, MAX_FRAME_CHARS, type ReplyBody } from './engine';
import { BodyError, readJsonBody } from './read-body';
import { parseRequestTarget, routePath, unreadableTarget } from './request-target';
import { parseTokenRequest } from './token-request';
import { type TokenIssuer } from './token-issuer';

/** What the HTTP routes need from the server. */
export interface RestContext {
  engine: Engine;
  tokens: TokenIssuer;
  apiKey: string;
  /** `Access-Control-Allow-Origin` to send (`*` or an origin); CORS is off when absent. */
  cors?: string;
  /** With `--data`: resolves once every write so far is on disk, so no reply shows one that is not. */
  durable?: () => Promise<void>;
}

function reply(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/** The methods each known path answers, for 405 and `Allow` (`/record/atomic` is also a key). */
function allowedMethods(path: string): string[] | undefined {
  if (path === '/ping' || path === '/records') return ['GET'];
  if (path === '/token/websocket' || path === '/record') return ['POST'];
  if (path === '/record/atomic') return ['GET', 'DELETE', 'POST'];
  if (path.startsWith('/record/')) return ['GET', 'DELETE'];
  return undefined;
}

/**
 * Validates a REST body through the same schema as a WebSocket frame of that op. `fieldNames`
 * maps the frame's field names to the REST ones, so an error names the field the caller sent.
 */
function toRequest(fields: Record<string, unknown>, fieldNames: Record<string, string>): { ok: true; request: ValidRequest } | { ok: false; error: string } {
  const schema = requestSchemaByOp[fields.op as keyof typeof requestSchemaByOp];
  const result = schema.safeParse(fields);
  if (result.success) return { ok: true, request: result.data };
  const error = describeIssues(result.error);
  const field = /^\w+/.exec(error)?.[0];
  const renamed = field === undefined ? undefined : fieldNames[field];
  return { ok: false, error: renamed === undefined ? error : renamed + error.slice(field!.length) };
}

function stringValue(value: unknown): unknown {
  // As the SDKs do: non-string values are stored as their JSON text.
  return typeof value === 'string' || value === undefined ? value : JSON.stringify(value);
}

function fromBody(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

/** The key in `/record/{key}`, percent-decoded; `undefined` when the encoding is broken. */
function keyFromPath(path: string): string | undefined {
  try {
    return decodeURIComponent(path.slice('/record/'.length));
  } catch {
    return undefined;
  }
}

/**
 * HPKV's REST API beside the WebSocket, on the same engine, so REST writes notify WebSocket
 * subscribers. Errors are `{ error }` with the HTTP status of the protocol code. Never rejects:
 * whatever the client sends gets an answer.
 */
export async function handleRest(request: IncomingMessage, response: ServerResponse, context: RestContext): Promise<void> {
  try {
    if (context.cors !== undefined && applyCors(request, response, context.cors)) return;
    const url = parseRequestTarget(request.url);
    if (url === undefined) return reply(response, 400, { error: unreadableTarget(request.url) });
    const method = request.method ?? 'GET';
    const path = routePath(url);
    const allowed = allowedMethods(path);
    if (allowed === undefined) return reply(response, 404, { error: `No route for ${method} ${path}` });
    if (!allowed.includes(method)) {
      return reply(response, 405, { error: `${path} does not answer ${method}: use ${allowed.join(', ')}` }, { allow: allowed.join(', ') });
    }
    if (path === '/ping') return reply(response, 200, { status: 'ok' });
    if (request.headers['x-api-key'] !== context.apiKey) return reply(response, 401, { error: 'Invalid or missing x-api-key header' });

    if (path === '/token/websocket') {
      const parsed = parseTokenRequest(await readJsonBody(request, 64 * 1024));
      if (!parsed.ok) return reply(response, 400, { error: parsed.error });
      return reply(response, 200, { token: context.tokens.issue(parsed.request.patterns, parsed.request.accessPattern) });
    }

    let fields: Record<string, unknown>;
    let fieldNames: Record<string, string> = {};
    if (path === '/record') {
      const body = fromBody(await readJsonBody(request, MAX_FRAME_CHARS * 4));
      const op = body.partialUpdate === true ? HPKVOperation.PATCH : HPKVOperation.SET;
      fields = { op, key: body.key, value: stringValue(body.value) };
    } else if (path === '/record/atomic' && method === 'POST') {
      const body = fromBody(await readJsonBody(request, 64 * 1024));
      fields = { op: HPKVOperation.ATOMIC, key: body.key, value: body.increment };
      fieldNames = { value: 'increment' };
    } else if (path === '/records') {
      const limit = url.searchParams.get('limit');
      fields = {
        op: HPKVOperation.RANGE,
        key: url.searchParams.get('startKey') ?? undefined,
        endKey: url.searchParams.get('endKey') ?? undefined,
        limit: limit === null ? undefined : Number(limit),
      };
      fieldNames = { key: 'startKey' };
    } else {
      // GET or DELETE /record/{key}
      const key = keyFromPath(path);
      if (key === undefined) return reply(response, 400, { error: 'The key in the path is not valid percent-encoding (encode it with encodeURIComponent)' });
      fields = { op: method === 'GET' ? HPKVOperation.GET : HPKVOperation.DELETE, key };
    }

    const valid = toRequest(fields, fieldNames);
    if (!valid.ok) return reply(response, 400, { error: valid.error });
    const [body, change] = context.engine.execute(valid.request, {});
    if (context.durable !== undefined) await context.durable();
    reply(response, body.code, restBody(valid.request.op, body));
    if (change !== undefined) context.engine.publish(change);
  } catch (error) {
    if (response.headersSent) return void response.destroy();
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
