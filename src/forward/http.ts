import * as http from 'node:http';
import * as https from 'node:https';

export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  /** Path and query below the endpoint, starting with `/`. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Buffer;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

/** The request as it goes on the wire, for signing: URL, method, every header and the body. */
export interface OutgoingRequest {
  readonly url: URL;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/** Adds authentication headers to a request just before it is sent (a token, basic auth, a SigV4 signature). */
export type Authorizer = (request: OutgoingRequest) => Promise<Record<string, string>>;

/** A request that got no HTTP answer: refused, reset, timed out. Worth retrying. */
export class NetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkError';
  }
}

export interface HttpClientOptions {
  /** Whole-request limit in milliseconds, from sending to the last byte of the answer. @default 30000 */
  readonly timeoutMs?: number;
  readonly authorize?: Authorizer;
  /** Connections kept open for reuse. @default 8 */
  readonly maxSockets?: number;
}

/** Requests to one endpoint over kept-alive connections; no retries here, the forwarder owns them. */
export class HttpClient {
  private readonly agent: http.Agent;
  private readonly timeoutMs: number;

  constructor(
    readonly endpoint: URL,
    private readonly options: HttpClientOptions = {},
  ) {
    if (endpoint.protocol !== 'http:' && endpoint.protocol !== 'https:') {
      throw new Error(`endpoint must be an http:// or https:// URL, got ${endpoint.protocol}`);
    }
    const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 8 };
    this.agent = endpoint.protocol === 'https:' ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  async request(request: HttpRequest): Promise<HttpResponse> {
    const base = this.endpoint.pathname.replace(/\/+$/, '');
    const url = new URL(`${base}${request.path}`, this.endpoint);
    const body = request.body ?? Buffer.alloc(0);
    const headers: Record<string, string> = {
      host: url.host,
      ...request.headers,
      ...(body.length > 0 && { 'content-length': String(body.length) }),
    };
    Object.assign(headers, await this.options.authorize?.({ url, method: request.method, headers, body }));
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise<HttpResponse>((resolve, reject) => {
      const outgoing = transport.request(url, { method: request.method, headers, agent: this.agent });
      const timer = setTimeout(
        () => outgoing.destroy(new NetworkError(`no complete answer within ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
      const fail = (error: Error) => {
        clearTimeout(timer);
        reject(error instanceof NetworkError ? error : new NetworkError(describe(error)));
      };
      outgoing.on('error', fail);
      outgoing.on('response', (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', fail);
        incoming.on('aborted', () => fail(new NetworkError('connection closed mid-answer')));
        incoming.on('end', () => {
          clearTimeout(timer);
          resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(chunks) });
        });
      });
      outgoing.end(body);
    });
  }

  /** Closes kept-alive connections so the process can end. */
  close(): void {
    this.agent.destroy();
  }
}

function describe(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code ? `${code}: ${error.message}` : error.message;
}

/** A JSON answer's value, or undefined when the body is not JSON. */
export function parseJsonBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}
