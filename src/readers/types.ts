import type { LogEvent } from '../rules/types';

/** What an object was read as; every object counts under exactly one kind in a summary's `byKind`. */
export type LogKind =
  | 'cloudtrail'
  | 'cloudtrail-digest'
  | 'cloudtrail-insight'
  | 'json-array'
  | 'ndjson'
  | 'emr'
  | 'datapipeline'
  | 'redshift-load-errors'
  | 'empty'
  | 'unknown';

/** Where readers put what they find; one sink per object. */
export interface ReaderSink {
  kind(kind: LogKind): void;
  /**
   * `json`, when given, is the record's JSON text exactly as read (valid UTF-8, and `event` is its parse), so a
   * sink that writes events out can copy it instead of serialising `event` again. It is only valid during the call.
   */
  event(event: LogEvent, json?: Buffer): void;
  /** `where` is the object, or the object with `#record N` / `#line N` when one record is meant. */
  skipped(where: string, reason: string): void;
  /**
   * Awaited before each chunk of decoded content when set: a sink that sends events on (a forwarder) resolves it
   * once it has room, so reading waits for the network instead of holding a whole object's events.
   */
  ready?(): Promise<void>;
}
