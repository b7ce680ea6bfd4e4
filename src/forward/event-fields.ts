import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import type { LogEvent } from '../rules/types';
import { isS3Uri, parseS3Uri } from '../store/uri';
import type { SinkEvent } from './types';

/** The event's time (`eventTime`) in epoch milliseconds, or undefined when it has none that parses. */
export function eventTimeMs(event: LogEvent): number | undefined {
  const text = event.eventTime;
  if (typeof text !== 'string') return undefined;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : time;
}

/** Longest `eventID` used as a document id as is (OpenSearch allows 512 bytes). */
const MAX_ID_BYTES = 200;

/**
 * A stable id for an event: its `eventID` when it has a usable one, else a hash of the record, so sending the
 * same record again (a retry, a replay, a redelivered notification) names the same document.
 */
export function stableEventId(event: LogEvent): string {
  const id = event.eventID;
  if (typeof id === 'string' && id !== '' && Buffer.byteLength(id) <= MAX_ID_BYTES) return id;
  return `sha256-${createHash('sha256').update(JSON.stringify(event)).digest('hex')}`;
}

const localHost = hostname();

/** Where an event was collected: the bucket of an S3 object, else this machine. */
export function hostOf(source: string): string {
  return isS3Uri(source) ? parseS3Uri(source).bucket : localHost;
}

/**
 * The event's JSON for a request body: the reader's bytes when it kept them (no second serialisation), else the
 * event serialised. A record laid out over several lines is serialised again too: NDJSON needs one line per
 * record, and the layout's whitespace would only make requests larger.
 */
export function eventJson({ event, json }: SinkEvent): Buffer | string {
  if (json && !json.includes(LF) && !json.includes(CR)) return json;
  return JSON.stringify(event);
}

const LF = 0x0a;
const CR = 0x0d;
