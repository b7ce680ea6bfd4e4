import type { LogKind } from '../readers/types';
import type { LogEvent } from '../rules/types';
import type { HttpClient, HttpRequest } from './http';

/** Spill files live under this prefix of the spill location, then `<sink>/YYYY/MM/DD/`. */
export const SPILL_PREFIX = 'undelivered';

/** The sinks events can be forwarded to. */
export type SinkName = 'splunk' | 'opensearch';

export const SINK_NAMES: readonly SinkName[] = ['splunk', 'opensearch'];

/** One event on its way to a sink, with the object it was read from and what kind of log that object is. */
export interface SinkEvent {
  readonly event: LogEvent;
  /** The object's location (`s3://bucket/key` or a local path). */
  readonly source: string;
  readonly kind: LogKind;
  /**
   * The event's JSON text exactly as the reader read it, when it has it (see `ReaderSink.event`): wire formats
   * copy these bytes instead of serialising `event` again. Only valid while the event is being pushed.
   */
  readonly json?: Buffer;
}

/**
 * An event as it goes in a request body: `head`, the event's JSON, `tail`. Kept in parts so the batch writes them
 * straight into its body: the JSON is often the reader's bytes, copied once.
 */
export interface EncodedEvent {
  readonly head: string;
  readonly json: Buffer | string;
  readonly tail: string;
}

/** What a sink said about one item of a request. */
export type ItemResult =
  | { readonly status: 'delivered' }
  /** The sink already held it (OpenSearch `create` answering 409): delivered before, by this run or another. */
  | { readonly status: 'duplicate' }
  | { readonly status: 'retry'; readonly reason: string }
  /** Refused for good (e.g. a mapping error); spilled with the reason. */
  | { readonly status: 'rejected'; readonly reason: string };

/** What a sink said about one request as a whole. */
export type RequestResult =
  | { readonly status: 'delivered' }
  | { readonly status: 'items'; readonly items: readonly ItemResult[] }
  | { readonly status: 'retry'; readonly reason: string; readonly retryAfterMs?: number }
  /** HTTP 413: the body is larger than the sink takes. */
  | { readonly status: 'too-large' }
  | { readonly status: 'rejected'; readonly reason: string };

/**
 * A sink's wire format: how one event is written and how a request of written events is sent and read back.
 * Everything else (batching, retries, splitting, spilling) is the forwarder's.
 */
export interface WireFormat {
  readonly sink: SinkName;
  /** Default upper bound of one request body in bytes. */
  readonly maxRequestBytes: number;
  /** A request any healthy sink answers, authenticated like the others: a 401 or 403 means bad credentials. */
  readonly probe: HttpRequest;
  /** The event as it goes in a request body; request bodies are these joined. */
  encode(event: SinkEvent): EncodedEvent;
  /** The event an encoded item carries, to spill it: batches hold encoded events only, not the parsed ones. */
  decode(encoded: Buffer): LogEvent;
  /** Sends one request whose body is encoded events joined; network errors are thrown and retried by the caller. */
  send(body: Buffer, http: HttpClient): Promise<RequestResult>;
}

/** What a forwarding run did; `delivered + spilled = read` when it ends. */
export interface ForwardCounts {
  read: number;
  delivered: number;
  /** Of `delivered`: events the sink already held. */
  duplicates: number;
  spilled: number;
}
