import { createHash } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Local servers that speak Splunk HEC (`/services/collector/event`, `/services/collector/ack`) and OpenSearch
 * `_bulk` as the real ones answer, and fail on purpose: each data request may be given a fault.
 */
export type Fault =
  /** 429 with `Retry-After` (seconds). */
  | { readonly kind: 'throttle'; readonly retryAfterSeconds: number }
  /** 503, nothing stored. */
  | { readonly kind: 'unavailable' }
  /** The connection is cut after part of the body was read; nothing stored. */
  | { readonly kind: 'reset' }
  /**
   * The answer comes after `delayMs`. `_bulk` stores first (the client's retry then meets its own documents:
   * 409); HEC, like a server whose queue is full, handles the request only if the client is still there.
   */
  | { readonly kind: 'slow'; readonly delayMs: number }
  /** `_bulk` only: a 200 whose items fail, every third with 429 and every seventh with 503. */
  | { readonly kind: 'item-failures' };

export interface FakeSinkOptions {
  readonly protocol: 'hec' | 'bulk';
  /** HEC: the token `Authorization: Splunk <token>` must carry; bulk: `user:password` for basic auth. */
  readonly credential?: string;
  /** The fault of the n-th data request (1-based), if any. */
  readonly faults?: (request: number) => Fault | undefined;
  /** Bodies above this answer 413. */
  readonly maxBodyBytes?: number;
  /** `_bulk`: documents refused for good (as a strict mapping would), with the reason. */
  readonly reject?: (document: Record<string, unknown>) => string | undefined;
  /** HEC: answer with an ackId and report it indexed on the second poll. */
  readonly ack?: boolean;
}

export interface Arrival {
  readonly at: number;
  readonly bodyHash: string;
  readonly fault?: Fault['kind'];
}

export interface FakeSink {
  readonly endpoint: string;
  /** Ids in the order they were stored: HEC `event.eventID`, `_bulk` `_id`. */
  readonly stored: string[];
  /** Data requests received, faulty or not. */
  readonly requests: () => number;
  /** Faults injected by kind, with `too-large` for 413 answers. */
  readonly faultsInjected: () => Readonly<Record<string, number>>;
  /** Each data request whose body was read: when it came, a hash of its body, and its fault. */
  readonly arrivals: readonly Arrival[];
  stop(): Promise<void>;
}

export async function startFakeSink(options: FakeSinkOptions): Promise<FakeSink> {
  const stored: string[] = [];
  const documents = new Map<string, Record<string, unknown>>();
  const injected: Record<string, number> = Object.create(null) as Record<string, number>;
  const pendingAcks = new Map<number, number>();
  const arrivals: Arrival[] = [];
  let requests = 0;
  let nextAck = 0;

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const isData = url.pathname === '/services/collector/event' || url.pathname === '/_bulk';
    if (!authorized(req, options)) {
      return answer(res, options.protocol === 'hec' ? 403 : 401, authFailure(options.protocol));
    }
    if (options.protocol === 'bulk' && req.method === 'GET' && url.pathname === '/') {
      return answer(res, 200, { name: 'fake', version: { distribution: 'opensearch', number: '2.19.6' } });
    }
    if (url.pathname === '/services/collector/ack' && options.protocol === 'hec') {
      const body = JSON.parse((await readBody(req)).toString()) as { acks: number[] };
      const acks: Record<string, boolean> = {};
      for (const id of body.acks) {
        const polls = (pendingAcks.get(id) ?? 0) + 1;
        pendingAcks.set(id, polls);
        acks[String(id)] = polls >= 2;
      }
      return answer(res, 200, { acks });
    }
    if (!isData) return answer(res, 404, { text: 'not found' });
    const number = ++requests;
    const fault = options.faults?.(number);
    if (fault) injected[fault.kind] = (injected[fault.kind] ?? 0) + 1;
    if (fault?.kind === 'reset') {
      req.once('data', () => req.socket.destroy());
      return;
    }
    const body = await readBody(req);
    arrivals.push({ at: Date.now(), bodyHash: createHash('sha1').update(body).digest('hex'), fault: fault?.kind });
    if (fault?.kind === 'throttle') {
      res.setHeader('retry-after', String(fault.retryAfterSeconds));
      return answer(res, 429, { text: 'Server is busy', code: 9 });
    }
    if (fault?.kind === 'unavailable') return answer(res, 503, { text: 'Server is busy', code: 9 });
    if (options.maxBodyBytes !== undefined && body.length > options.maxBodyBytes) {
      injected['too-large'] = (injected['too-large'] ?? 0) + 1;
      return answer(res, 413, { text: 'Content-Length of request too large', code: 27 });
    }
    if (fault?.kind === 'slow' && options.protocol === 'hec') {
      const gone = await clientLeftWithin(res, fault.delayMs);
      if (gone) return;
    }
    const reply =
      options.protocol === 'hec'
        ? hecReply(body, stored, options.ack ? ++nextAck : undefined)
        : bulkReply(req, body, documents, stored, options.reject, fault?.kind === 'item-failures');
    // Stored already; the answer comes late, or never when the client gave up first (no timer outlives it).
    if (fault?.kind === 'slow' && options.protocol === 'bulk') await clientLeftWithin(res, fault.delayMs);
    if (!res.destroyed) answer(res, reply.status, reply.body);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => answer(res, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stored,
    requests: () => requests,
    faultsInjected: () => ({ ...injected }),
    arrivals,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function authorized(req: http.IncomingMessage, options: FakeSinkOptions): boolean {
  if (options.credential === undefined) return true;
  const expected =
    options.protocol === 'hec'
      ? `Splunk ${options.credential}`
      : `Basic ${Buffer.from(options.credential).toString('base64')}`;
  return req.headers.authorization === expected;
}

function authFailure(protocol: FakeSinkOptions['protocol']): unknown {
  return protocol === 'hec'
    ? { text: 'Invalid token', code: 4 }
    : { error: { type: 'security_exception', reason: 'missing authentication credentials' }, status: 401 };
}

/** Splunk's HEC: concatenated JSON envelopes, each with an `event`. */
function hecReply(body: Buffer, stored: string[], ackId: number | undefined): { status: number; body: unknown } {
  const text = body.toString('utf8');
  if (text.trim() === '') return { status: 400, body: { text: 'No data', code: 5 } };
  let envelopes: Record<string, unknown>[];
  try {
    envelopes = splitConcatenatedJson(text);
  } catch {
    return { status: 400, body: { text: 'Invalid data format', code: 6 } };
  }
  const missing = envelopes.findIndex((envelope) => envelope.event === undefined);
  if (missing >= 0) {
    return { status: 400, body: { text: 'Event field is required', code: 12, 'invalid-event-number': missing } };
  }
  for (const envelope of envelopes) stored.push(String((envelope.event as Record<string, unknown>).eventID));
  return { status: 200, body: { text: 'Success', code: 0, ...(ackId !== undefined && { ackId }) } };
}

/** Top-level JSON objects written one after another (HEC's body), whitespace between them allowed. */
export function splitConcatenatedJson(text: string): Record<string, unknown>[] {
  const values: Record<string, unknown>[] = [];
  let depth = 0;
  let inString = false;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') {
      if (depth++ === 0) start = i;
    } else if (c === '}') {
      if (--depth === 0) values.push(JSON.parse(text.slice(start, i + 1)) as Record<string, unknown>);
    } else if (depth === 0 && !/\s/.test(c)) throw new Error(`unexpected ${c} at ${i}`);
  }
  if (depth !== 0) throw new Error('unterminated object');
  return values;
}

/** OpenSearch's `_bulk` with `create` actions: 201 once per id, 409 after, per-item errors in a 200. */
function bulkReply(
  req: http.IncomingMessage,
  body: Buffer,
  documents: Map<string, Record<string, unknown>>,
  stored: string[],
  reject: FakeSinkOptions['reject'],
  itemFailures: boolean,
): { status: number; body: unknown } {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('application/x-ndjson') && !type.startsWith('application/json')) {
    return { status: 406, body: { error: `Content-Type header [${type}] is not supported`, status: 406 } };
  }
  const text = body.toString('utf8');
  if (!text.endsWith('\n')) {
    return {
      status: 400,
      body: {
        error: { type: 'illegal_argument_exception', reason: 'The bulk request must be terminated by a newline [\\n]' },
        status: 400,
      },
    };
  }
  const lines = text.split('\n').slice(0, -1);
  const items: unknown[] = [];
  let errors = false;
  for (let i = 0, n = 0; i < lines.length; i += 2, n++) {
    const action = JSON.parse(lines[i]) as { create?: { _index: string; _id: string } };
    if (!action.create) throw new Error('only create actions are expected');
    const { _index, _id } = action.create;
    const document = JSON.parse(lines[i + 1]) as Record<string, unknown>;
    const key = `${_index}/${_id}`;
    const item = (status: number, extra: Record<string, unknown>) => {
      if (status >= 300) errors = true;
      items.push({ create: { _index, _id, status, ...extra } });
    };
    if (itemFailures && n % 3 === 1) {
      item(429, {
        error: { type: 'es_rejected_execution_exception', reason: 'rejected execution of coordinating operation' },
      });
    } else if (itemFailures && n % 7 === 5) {
      item(503, { error: { type: 'unavailable_shards_exception', reason: 'primary shard is not active' } });
    } else if (documents.has(key)) {
      item(409, {
        error: {
          type: 'version_conflict_engine_exception',
          reason: `[${_id}]: version conflict, document already exists (current version [1])`,
        },
      });
    } else {
      const refused = reject?.(document);
      if (refused) {
        item(400, { error: { type: 'mapper_parsing_exception', reason: refused } });
      } else {
        documents.set(key, document);
        stored.push(_id);
        item(201, { _version: 1, result: 'created', _shards: { total: 1, successful: 1, failed: 0 } });
      }
    }
  }
  return { status: 200, body: { took: 1, errors, items } };
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Waits `ms`; true when the client closed the connection meanwhile. */
function clientLeftWithin(res: http.ServerResponse, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(res.destroyed), ms);
    res.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

function answer(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
